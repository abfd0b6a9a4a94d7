/**
 * A DOCX worker thread: assembles and compiles every type's template once, then renders one view per message.
 * The view arrives as a structured clone; the package goes back as bytes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDocxRenderer } from './index.js';
import type { BaseView } from '../../documents/types.js';

export type WorkerJob = { job: number; id: string; view: BaseView };
export type WorkerReply = { ready: true } | { job: number; bytes: Uint8Array } | { job: number; error: string };

const { ids, templatesDir } = workerData as { ids: string[]; templatesDir?: string };
const renderer = createDocxRenderer(ids, templatesDir);
const port = parentPort!;
port.on('message', ({ job, id, view }: WorkerJob) => {
  let reply: WorkerReply;
  try {
    reply = { job, bytes: renderer.render(id, view) };
  } catch (e) {
    reply = { job, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true } satisfies WorkerReply);
