/**
 * The worker thread of an inspection (inspect.ts): reads one package and answers its summary, or the refusal.
 * Every problem of the package is in the summary; an exception here is a bug, answered as such.
 */
import { parentPort } from 'node:worker_threads';
import { EdxmlRefused, inspectEdxml, summaryOf, type InspectionSummary } from './reader.js';

export type InspectReply = { summary: InspectionSummary } | { refused: { code: string; message: string } } | { error: string };

const port = parentPort!;
port.once('message', (bytes: Uint8Array) => {
  let reply: InspectReply;
  try {
    reply = { summary: summaryOf(inspectEdxml(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) };
  } catch (e) {
    reply = e instanceof EdxmlRefused ? { refused: { code: e.code, message: e.message } } : { error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
