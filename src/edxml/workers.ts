/**
 * edXML work off the event loop. Reading and verifying a package, and signing one, are synchronous work that
 * grows with its size (a 13 MiB package: about 5 s of XML parsing, canonicalization and hashing), so each runs
 * in a worker thread of its own, a few at a time, with a memory ceiling and a deadline. A package to read that
 * needs more memory or time than that is refused (422); a package to sign that does is an error of the export
 * (the service's own package). Either way the worker is dropped with everything it allocated, and the service
 * goes on answering meanwhile.
 */
import { Worker } from 'node:worker_threads';
import { Semaphore } from '../archive/archive.js';
import { workerSource } from '../render/docx/workers.js';
import { VanbanError } from '../service.js';
import type { WorkerReply, WorkerTask } from './worker.js';
import { EdxmlRefused, screenPackage, type InspectionSummary } from './reader.js';
import type { SigningKey } from './signature.js';

const refusal = (code: string, message: string) => new VanbanError(422, code, message, [{ path: '$', code, message }]);

export type EdxmlWorkersOptions = { concurrency?: number; maxMemoryMb?: number; timeoutMs?: number };

export class EdxmlWorkers {
  private readonly slots: Semaphore;
  private readonly src = workerSource(new URL('./worker.ts', import.meta.url));
  private readonly maxMemoryMb: number;
  private readonly timeoutMs: number;

  constructor(o: EdxmlWorkersOptions = {}) {
    this.slots = new Semaphore(Math.max(1, o.concurrency ?? 1));
    this.maxMemoryMb = o.maxMemoryMb ?? 1024;
    this.timeoutMs = o.timeoutMs ?? 60_000;
  }

  /** The summary of a package, or a VanbanError: 422 with the refusal's code, or when it costs too much. */
  async inspect(bytes: Buffer): Promise<InspectionSummary> {
    // A DTD or a text that is not UTF-8 is refused here, at once, without a worker.
    try {
      screenPackage(bytes);
    } catch (e) {
      throw e instanceof EdxmlRefused ? refusal(e.code, e.message) : e;
    }
    const copy = new Uint8Array(bytes);
    const reply = await this.slots.run(() => this.once({ op: 'inspect', bytes: copy }, [copy.buffer], 'đọc'));
    if ('summary' in reply) return reply.summary;
    throw new Error('edXML worker answered an inspection without a summary');
  }

  /** The package signed (signature.ts signEdxml), off the event loop. */
  async sign(xml: string, attachments: { contentId: string; bytes: Buffer }[], key: SigningKey): Promise<string> {
    const copies = attachments.map((a) => ({ contentId: a.contentId, bytes: new Uint8Array(a.bytes) }));
    const task: WorkerTask = { op: 'sign', xml, attachments: copies, key };
    const reply = await this.slots.run(() => this.once(task, copies.map((c) => c.bytes.buffer), 'ký'));
    if ('signed' in reply) return reply.signed;
    throw new Error('edXML worker answered a signature without the signed package');
  }

  private once(task: WorkerTask, transfer: ArrayBuffer[], verb: string): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(this.src.source, { eval: this.src.eval, resourceLimits: { maxOldGenerationSizeMb: this.maxMemoryMb } });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        fn();
      };
      const timer = setTimeout(
        () => settle(() => reject(new VanbanError(422, 'edxml_too_slow', `Gói tin cần hơn ${this.timeoutMs / 1000} giây để ${verb}: bị từ chối`))),
        this.timeoutMs,
      );
      worker.once('message', (reply: WorkerReply) =>
        settle(() => {
          if ('refused' in reply) reject(refusal(reply.refused.code, reply.refused.message));
          else if ('error' in reply) reject(new Error(`edXML worker (${task.op}) failed: ${reply.error}`));
          else resolve(reply);
        }),
      );
      worker.once('error', (e: Error & { code?: string }) =>
        settle(() =>
          reject(
            e.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new VanbanError(422, 'edxml_too_costly', `Gói tin cần hơn ${this.maxMemoryMb} MiB bộ nhớ để ${verb}: bị từ chối`)
              : e,
          ),
        ),
      );
      worker.once('exit', (code) => settle(() => reject(new Error(`edXML worker (${task.op}) exited (${code}) without an answer`))));
      worker.postMessage(task, transfer);
    });
  }
}
