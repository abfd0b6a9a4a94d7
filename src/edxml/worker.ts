/**
 * The worker thread of one edXML task (workers.ts): reads and verifies a package (its summary, or the refusal),
 * or signs a written package. Both are synchronous work that grows with the package. Every problem of a package
 * read is in the summary; an exception here is a bug, answered as such.
 */
import { parentPort } from 'node:worker_threads';
import { EdxmlRefused, inspectEdxml, summaryOf, type InspectionSummary } from './reader.js';
import { signEdxml, type SigningKey } from './signature.js';

export type WorkerTask =
  | { op: 'inspect'; bytes: Uint8Array }
  | { op: 'sign'; xml: string; attachments: { contentId: string; bytes: Uint8Array }[]; key: SigningKey };

export type WorkerReply = { summary: InspectionSummary } | { signed: string } | { refused: { code: string; message: string } } | { error: string };

const buffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

const port = parentPort!;
port.once('message', (task: WorkerTask) => {
  let reply: WorkerReply;
  try {
    reply =
      task.op === 'inspect'
        ? { summary: summaryOf(inspectEdxml(buffer(task.bytes))) }
        : { signed: signEdxml(task.xml, task.attachments.map((a) => ({ contentId: a.contentId, bytes: buffer(a.bytes) })), task.key) };
  } catch (e) {
    reply = e instanceof EdxmlRefused ? { refused: { code: e.code, message: e.message } } : { error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
