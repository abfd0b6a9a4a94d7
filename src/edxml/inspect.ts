/**
 * Inspections off the event loop: reading and verifying a package is synchronous work that grows with its size
 * (a 13 MiB package: about 5 s of XML parsing, canonicalization and hashing), so each runs in a worker thread
 * of its own, a few at a time, with a memory ceiling and a deadline. A package that needs more memory or time
 * than that is refused (422), and the worker is dropped with everything it allocated; the service goes on
 * answering meanwhile.
 */
import { Worker } from 'node:worker_threads';
import { Semaphore } from '../archive/archive.js';
import { workerSource } from '../render/docx/workers.js';
import { VanbanError } from '../service.js';
import type { InspectReply } from './inspect-worker.js';
import { EdxmlRefused, screenPackage, type InspectionSummary } from './reader.js';

const refusal = (code: string, message: string) => new VanbanError(422, code, message, [{ path: '$', code, message }]);

export type InspectorOptions = { concurrency?: number; maxMemoryMb?: number; timeoutMs?: number };

export class EdxmlInspector {
  private readonly slots: Semaphore;
  private readonly src = workerSource(new URL('./inspect-worker.ts', import.meta.url));
  private readonly maxMemoryMb: number;
  private readonly timeoutMs: number;

  constructor(o: InspectorOptions = {}) {
    this.slots = new Semaphore(Math.max(1, o.concurrency ?? 1));
    this.maxMemoryMb = o.maxMemoryMb ?? 1024;
    this.timeoutMs = o.timeoutMs ?? 60_000;
  }

  /** The summary of a package, or a VanbanError: 422 with the refusal's code, or when it costs too much. */
  inspect(bytes: Buffer): Promise<InspectionSummary> {
    // A DTD or a text that is not UTF-8 is refused here, at once, without a worker.
    try {
      screenPackage(bytes);
    } catch (e) {
      return Promise.reject(e instanceof EdxmlRefused ? refusal(e.code, e.message) : e);
    }
    return this.slots.run(() => this.once(bytes));
  }

  private once(bytes: Buffer): Promise<InspectionSummary> {
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
        () => settle(() => reject(new VanbanError(422, 'edxml_too_slow', `Gói tin cần hơn ${this.timeoutMs / 1000} giây để đọc: bị từ chối`))),
        this.timeoutMs,
      );
      worker.once('message', (reply: InspectReply) =>
        settle(() => {
          if ('summary' in reply) resolve(reply.summary);
          else if ('refused' in reply) reject(refusal(reply.refused.code, reply.refused.message));
          else reject(new Error(`edXML inspection failed: ${reply.error}`));
        }),
      );
      worker.once('error', (e: Error & { code?: string }) =>
        settle(() =>
          reject(
            e.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new VanbanError(422, 'edxml_too_costly', `Gói tin cần hơn ${this.maxMemoryMb} MiB bộ nhớ để đọc: bị từ chối`)
              : e,
          ),
        ),
      );
      worker.once('exit', (code) => settle(() => reject(new Error(`edXML inspection worker exited (${code}) without an answer`))));
      const copy = new Uint8Array(bytes);
      worker.postMessage(copy, [copy.buffer]);
    });
  }
}
