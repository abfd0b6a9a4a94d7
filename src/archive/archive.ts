/**
 * The register of outgoing documents and the archive (Nghị định 30, Phụ lục VI): issuing numbers a document
 * in its agency's yearly register, renders the final DOCX and the archival PDF, stores both with the input
 * and the metadata, and never changes them afterwards (revocation freezes a record; a correction is a new
 * document linked to the old one).
 *
 * Crash safety: the number is taken and the row inserted as 'issuing' in one transaction; the files are
 * written atomically; only then is the row marked 'issued'. A row left 'issuing' (a crash, or a render or disk
 * failure after the number was taken) is completed from its stored input in the background (the Completer
 * below): each row on its own, with retries and backoff, and marked 'failed' with its reason when it cannot be
 * completed; it keeps its number either way. No 'issued' record lacks its files.
 *
 * Several instances (issue 18): each row left 'issuing' is under the lease of the instance completing it,
 * renewed while that instance lives (every third of ISSUE_LEASE_MS). Every instance looks as often for rows
 * whose lease expired (their instance died) and takes them over: such a row is completed by a live instance
 * within about 1.33 x the lease, not only at the next start. An embedded service (SQLite, alone on its data
 * directory) takes every issuing row at its start.
 */
import { createHash, randomUUID } from 'node:crypto';
import { formatDocNumber } from '../nd30/numbering.js';
import { parsePartialDate, todayInVietnam, toIsoDate } from '../nd30/dates.js';
import { stripDiacritics } from '../vietnamese/text.js';
import { VanbanError, type Format, type Prepared, type Vanban } from '../service.js';
import { RegisterDb, NumberTakenError, NumberGapError, isDiskFull, type DocRow, type Lease, type SearchFilter, type StoredFile } from './db.js';
import { IntegrityError, type FileStorage } from './store.js';
import { convertToPdfA, type ArchiveMetadata } from './pdfa/index.js';
import { addSignatureFields } from '../signing/fields.js';
import type { RegisterFacts } from '../documents/types.js';
import { plainText } from '../documents/common/plain-text.js';

export { IntegrityError, NumberTakenError, NumberGapError, isDiskFull };

/** Lower case without diacritics and with single spaces: "Cải cách" and "cai cach" meet here. */
export const fold = (s: string) => stripDiacritics(s.normalize('NFC')).toLowerCase().replace(/\s+/g, ' ').trim();

/** The register an agency numbers in: its identifier when it has one, else its abbreviation and name. */
export const agencyKeyOf = (a: RegisterFacts['agency']) => (a.identifier ? `id:${a.identifier}` : `${a.abbreviation.toUpperCase()}|${fold(a.name)}`);

/** The register of an agency identifier (what an agency API key is bound to). */
export const registerOfIdentifier = (identifier: string) => `id:${identifier}`;

/** A row ready to be reserved: everything but the number, and the number the request wants, if any. */
export type PreparedRow = Omit<DocRow, 'number' | 'kyHieu'> & { wanted: number | undefined };

export type IssueInput = { template: string; data: unknown; number?: number; correctionOf?: string; idempotencyKey?: string };

export type ArchiveOptions = {
  dataDir: string;
  /** Where the files' bytes go (the local folder by default, built by the caller). */
  storage: FileStorage;
  databaseUrl?: string;
  /** The largest run of numbers a number given in a request may skip (REGISTER_MAX_GAP). */
  maxGap?: number;
  /** Attempts at completing a document before it is marked failed (ISSUE_ATTEMPTS). */
  attempts?: number;
  /** First retry delay; doubled at each retry, at most a minute (ISSUE_RETRY_MS). */
  retryBaseMs?: number;
  /** Deadline of one background attempt (the render deadline by default). */
  attemptDeadlineMs?: number;
  /** Ghostscript conversions at once (PDFA_CONCURRENCY). */
  pdfaConcurrency?: number;
  /** How long a row being issued stays this instance's without renewal (ISSUE_LEASE_MS). */
  leaseMs?: number;
  log?: { warn(o: object, msg: string): void; error(o: object, msg: string): void; info(o: object, msg: string): void };
};

/** A failure after the number was taken: the document stays issuing and is completed in the background. */
export class PendingError extends Error {
  constructor(
    readonly row: DocRow,
    readonly reason: unknown,
  ) {
    super(`document ${row.id} (number ${row.number}) is pending: ${(reason as Error)?.message ?? String(reason)}`);
  }
}

/** A counting semaphore: at most `size` holders at once, the others wait in order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** The most holders seen at once (tests read it). */
  peak = 0;
  constructor(readonly size: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((r) => this.waiting.push(r));
    else this.active++;
    this.peak = Math.max(this.peak, this.active);
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const describeError = (e: unknown) => {
  if (e instanceof VanbanError) return `${e.code}: ${e.message}`;
  const err = e as { code?: string; message?: string };
  return `${err?.code ? `${err.code}: ` : ''}${err?.message ?? String(e)}`;
};

/**
 * The row a request would insert (number and ký hiệu aside), with its register and data hash, from the
 * request prepared once by the service (validated, its view built); prepared here when not given. The
 * register reads only what the type declares it needs (DocumentType.register).
 */
export function preparedRow(svc: Vanban, input: IssueInput, request?: Prepared): PreparedRow {
  let p = request ?? svc.prepare(input.template, input.data);
  const register = p.type.register;
  if (!register) throw new VanbanError(422, 'not_issuable', `Loại "${p.type.title}" không ban hành vào sổ được`);
  let facts = register(p.data as never, p.view.meta as never);
  const given = parsePartialDate(facts.date);
  // The register dates a draft whose day (or month) is still blank: it is issued today. The document is then
  // what the register will print: its view follows the date of issue (a normative notation carries its year).
  const issued = given && given.day !== undefined ? toIsoDate(given) : toIsoDate(todayInVietnam());
  if (issued !== facts.date) {
    p = svc.prepareValid(p.type, { ...(p.data as object), date: issued }, p.warnings);
    facts = register(p.data as never, p.view.meta as never);
  }
  const year = Number(issued.slice(0, 4));
  const stored = JSON.stringify(p.data);
  // The number wanted: the request's register.number, else a number in the data; otherwise the register's next.
  const wanted = input.number ?? facts.number;
  const dataHash = createHash('sha256')
    .update(JSON.stringify([input.template, stored, wanted ?? null, input.correctionOf ?? null]))
    .digest('hex');
  return {
    wanted,
    id: randomUUID(),
    agencyKey: agencyKeyOf(facts.agency),
    agencyName: facts.agency.name,
    organId: facts.agency.identifier ?? '',
    template: p.type.id,
    typeName: facts.typeName,
    year,
    notation: facts.notation,
    issuedDate: issued,
    summary: facts.summary,
    signerPosition: facts.signer.position,
    signerName: facts.signer.name,
    recipients: JSON.stringify(facts.recipients.map((name) => ({ name }))),
    priority: facts.priority,
    copies: facts.copies ?? null,
    dueDate: null,
    pageCount: null,
    description: `${facts.typeName} ${facts.summary !== facts.typeName ? `về ${facts.summary.replace(/\s+/g, ' ')}` : ''}`.trim(),
    data: stored,
    status: 'issuing',
    files: {},
    searchText: '',
    correctionOf: input.correctionOf ?? null,
    revokedAt: null,
    revokeReason: null,
    idempotencyKey: input.idempotencyKey ?? null,
    createdAt: new Date().toISOString(),
    dataHash,
    attempts: 0,
    lastError: null,
  };
}

/** An error that another attempt will not cure (the stored data no longer valid, a type that cannot be issued). */
const permanent = (e: unknown) => e instanceof VanbanError && e.status < 500 && e.status !== 429 && e.status !== 499;

export class Archive {
  private readonly maxGap: number;
  private readonly attempts: number;
  private readonly retryBaseMs: number;
  private readonly attemptDeadlineMs: number;
  readonly pdfa: Semaphore;
  private readonly log: NonNullable<ArchiveOptions['log']>;
  /** Background completion: rows waiting for their next attempt, by id. */
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly queue: DocRow[] = [];
  private running = false;
  private closed = false;
  /** Ids being completed right now (inline by their request, or in the background). */
  private readonly inflight = new Set<string>();
  /** This instance's lease on the rows it completes (one owner id per process). */
  readonly lease: Lease;
  private leaseTimer?: NodeJS.Timeout;
  private tending = false;

  private constructor(
    readonly db: RegisterDb,
    readonly files: FileStorage,
    private readonly svc: Vanban,
    o: ArchiveOptions,
  ) {
    this.maxGap = o.maxGap ?? 50;
    this.attempts = Math.max(1, o.attempts ?? 8);
    this.retryBaseMs = o.retryBaseMs ?? 1000;
    // A background attempt answers no client: it gets a generous deadline (a large document on a busy machine).
    this.attemptDeadlineMs = o.attemptDeadlineMs ?? Math.max(120_000, svc.config.deadlineMs * 2);
    this.pdfa = new Semaphore(Math.max(1, o.pdfaConcurrency ?? 2));
    this.lease = { owner: randomUUID(), ms: o.leaseMs ?? 60_000 };
    const quiet = { warn() {}, error() {}, info() {} };
    this.log = o.log ?? quiet;
  }

  static async open(svc: Vanban, o: ArchiveOptions): Promise<Archive> {
    const db = await RegisterDb.open(o);
    return new Archive(db, o.storage, svc, o);
  }

  /**
   * Takes the documents left 'issuing' by a previous stop (embedded: all of them; on PostgreSQL: those whose
   * lease expired), hands them to the background completion and returns at once with their count: the service
   * listens meanwhile, whatever is left over. Then renews this instance's leases and takes over expired ones
   * every third of the lease.
   */
  async recover(): Promise<number> {
    const rows = await this.db.claimIssuing(this.lease, this.db.kind === 'sqlite');
    for (const row of rows) this.enqueue(row);
    if (!this.closed && !this.leaseTimer) {
      this.leaseTimer = setInterval(() => void this.tend(), Math.max(100, Math.floor(this.lease.ms / 3)));
      this.leaseTimer.unref();
    }
    return rows.length;
  }

  /** One round of the leases: this instance's renewed, the expired ones of dead instances taken over. */
  private async tend(): Promise<void> {
    // A round slower than the interval (a busy database) is not overlapped by the next.
    if (this.tending) return;
    this.tending = true;
    try {
      await this.db.renewLeases(this.lease);
      const taken = await this.db.claimIssuing(this.lease, false);
      for (const row of taken) {
        this.log.warn({ document: row.id, number: row.number }, 'document left issuing by a stopped instance: completing it');
        this.enqueue(row);
      }
    } catch (err) {
      if (!this.closed) this.log.error({ err }, 'could not renew or take over the leases of issuing documents');
    } finally {
      this.tending = false;
    }
  }

  /** The row a request would insert (preparedRow), with this archive's service. */
  prepare(input: IssueInput, request?: Prepared): PreparedRow {
    return preparedRow(this.svc, input, request);
  }

  /** Takes the number and inserts the row as 'issuing' (nothing rendered yet). */
  async reserve(input: IssueInput, prepared = this.prepare(input)): Promise<DocRow> {
    const { wanted, ...row } = prepared;
    return this.db.reserve(row, wanted, (n) => `${formatDocNumber(n)}/${prepared.notation}`, this.maxGap, this.lease);
  }

  /**
   * Reserves the number and inserts the row; then renders, stores and completes it within the deadline. A
   * failure after the number is taken hands the row to the background completion and throws PendingError.
   */
  async issue(input: IssueInput, o: { deadline?: number; prepared?: PreparedRow } = {}): Promise<DocRow> {
    const reserved = await this.reserve(input, o.prepared);
    this.inflight.add(reserved.id);
    try {
      return await this.finish(reserved, o.deadline ?? Date.now() + this.svc.config.deadlineMs, true);
    } catch (e) {
      if (permanent(e)) {
        await this.db.fail(reserved.id, describeError(e)).catch(() => undefined);
        this.log.error({ err: e, document: reserved.id, number: reserved.number }, 'document could not be completed: marked failed');
      } else {
        this.log.error({ err: e, document: reserved.id, number: reserved.number }, 'document not completed in time: retried in the background');
        await this.db.attemptFailed(reserved.id, describeError(e)).catch(() => undefined);
        this.schedule({ ...reserved, attempts: 1 });
      }
      throw new PendingError(reserved, e);
    } finally {
      this.inflight.delete(reserved.id);
    }
  }

  /** Waits (polling the register) until the document is no longer issuing, or the time is up. */
  async waitFor(id: string, ms: number): Promise<DocRow | undefined> {
    const end = Date.now() + ms;
    for (;;) {
      const row = await this.db.get(id);
      if (!row || row.status !== 'issuing' || Date.now() >= end || this.closed) return row;
      await new Promise((r) => setTimeout(r, Math.min(100, Math.max(1, end - Date.now()))));
    }
  }

  /** Rows waiting in the background, for /metrics and tests. */
  get pending(): number {
    return this.queue.length + this.timers.size + (this.running ? 1 : 0);
  }

  private schedule(row: DocRow): void {
    if (this.closed || this.timers.has(row.id)) return;
    const delay = Math.min(60_000, this.retryBaseMs * 2 ** Math.max(0, row.attempts - 1));
    const t = setTimeout(() => {
      this.timers.delete(row.id);
      this.enqueue(row);
    }, delay);
    t.unref();
    this.timers.set(row.id, t);
  }

  private enqueue(row: DocRow): void {
    if (this.closed || this.queue.some((r) => r.id === row.id)) return;
    this.queue.push(row);
    void this.drain();
  }

  /** One row at a time: each row is tried on its own; a failure never stops the rows after it. */
  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.closed) {
        const next = this.queue.shift();
        if (!next) break;
        const row = await this.db.get(next.id).catch(() => undefined);
        if (!row || row.status !== 'issuing' || this.inflight.has(row.id)) continue;
        this.inflight.add(row.id);
        try {
          await this.finish(row, Date.now() + this.attemptDeadlineMs, false);
          this.log.info({ document: row.id, number: row.number, attempts: row.attempts + 1 }, 'document completed in the background');
        } catch (e) {
          if (this.closed) break;
          const reason = describeError(e);
          if (permanent(e) || row.attempts + 1 >= this.attempts) {
            await this.db.fail(row.id, reason).catch((err: unknown) => this.log.error({ err }, 'could not mark a document failed'));
            this.log.error({ err: e, document: row.id, number: row.number, attempts: row.attempts + 1 }, 'document could not be completed: marked failed, number kept');
          } else {
            await this.db.attemptFailed(row.id, reason).catch(() => undefined);
            this.log.warn({ err: e, document: row.id, attempts: row.attempts + 1 }, 'document not completed: retried later');
            this.schedule({ ...row, attempts: row.attempts + 1 });
          }
        } finally {
          this.inflight.delete(row.id);
        }
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * Renders the DOCX and the archival PDF of a reserved row, stores them, and marks the row issued. The row's
   * data carries the number and date; its view is built once and both formats render from it. `accepted`:
   * the data was validated by this request a moment ago; data read back from the database (the background
   * completion, possibly after an upgrade) is validated again, and refused data fails the row for good.
   */
  private async finish(row: DocRow, deadline: number, accepted: boolean): Promise<DocRow> {
    const type = this.svc.type(row.template);
    if (!type.register) throw new VanbanError(422, 'not_issuable', `Loại "${type.title}" không ban hành vào sổ được`);
    const data: unknown = JSON.parse(row.data);
    const p = accepted ? this.svc.prepareValid(type, data) : this.svc.prepare(type.id, data);
    const [pdf, docx] = await Promise.all([
      this.svc.renderPrepared(p, 'pdf', { unbounded: true, deadline }),
      this.svc.renderPrepared(p, 'docx', { deadline }),
    ]);
    // qpdf counts the pages while converting (pageCount 0: "count them"). The empty signature fields go into
    // the archival file itself, before it is hashed: what the signer signs is the archived copy (src/signing/).
    const { pdf: archival, pageCount } = await this.pdfa.run(async () => {
      const a = await convertToPdfA(pdf.bytes, this.metadata({ ...row, pageCount: 0 }));
      return { pdf: (await addSignatureFields(a.pdf, row.signerName)).pdf, pageCount: a.pageCount };
    });
    const files: Record<string, StoredFile> = {
      pdf: { sha256: await this.files.put(archival), bytes: archival.length },
      docx: { sha256: await this.files.put(docx.bytes), bytes: docx.bytes.length },
    };
    const searchText = fold([row.kyHieu, row.typeName, row.summary, row.agencyName, row.signerName, row.signerPosition, plainText(p.view)].join(' '));
    await this.db.complete(row.id, { files, pageCount, searchText });
    return { ...row, files, pageCount, searchText, status: 'issued', lastError: null };
  }

  /** The Appendix VI metadata of a record. */
  metadata(row: DocRow): ArchiveMetadata {
    const notation = row.notation;
    return {
      organId: row.organId,
      organName: row.agencyName,
      year: row.year,
      ordinal: row.number,
      typeName: row.typeName,
      codeNumber: String(row.number).padStart(2, '0'),
      codeNotation: notation,
      issuedDate: row.issuedDate,
      subject: row.summary.replace(/\s+/g, ' ').slice(0, 500),
      language: 'vi',
      pageCount: row.pageCount ?? 0,
      description: row.description,
      signerPosition: row.signerPosition,
      signerName: row.signerName,
      recipients: JSON.parse(row.recipients) as { id?: string; name: string }[],
      priority: row.priority,
      copies: row.copies,
      dueDate: row.dueDate,
      title: `${row.typeName} ${row.kyHieu}: ${row.summary.replace(/\s+/g, ' ')}`,
      creator: row.agencyName,
    };
  }

  /** A stored file of a document, checked against its hash (IntegrityError otherwise). */
  file(row: DocRow, format: Format): Promise<Buffer> {
    const f = row.files[format];
    if (!f) return Promise.reject(new IntegrityError('', null));
    return this.files.get(f.sha256);
  }

  search(f: SearchFilter) {
    return this.db.search(f);
  }

  /** Stops the background completion (before the renderers close, so their refusals are not counted as attempts). */
  stop(): void {
    this.closed = true;
    clearInterval(this.leaseTimer);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.leaseTimer);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.queue.length = 0;
    // Let a background attempt in flight end (its render fails fast once the pools close).
    for (let i = 0; i < 100 && this.running; i++) await new Promise((r) => setTimeout(r, 50));
    // What is left issuing is another instance's to complete from now (or this data directory's next start).
    await this.db.releaseLeases(this.lease).catch((err: unknown) => this.log.error({ err }, 'could not release the leases of issuing documents'));
    return this.db.close();
  }
}
