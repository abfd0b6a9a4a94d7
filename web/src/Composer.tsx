/**
 * Soạn văn bản: the form of one document type (react-jsonschema-form from the type's JSON Schema), the server's
 * errors and warnings beside their fields, a live PDF preview and downloads marked "DỰ THẢO", drafts saved on the
 * server with versions (a save over someone else's newer version is refused, not overwritten; issue 17) or as
 * JSON files, starting points (blank from the agency profile, or the example with its number and date cleared),
 * and "Ban hành" through the draft, after the register says what number and date it will take.
 */
import Form, { type IChangeEvent } from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { flushSync } from 'react-dom';
import {
  ApiError,
  createDraft,
  getDraft,
  getExample,
  getSchema,
  listAgencies,
  render,
  saveBlob,
  saveDraft,
  validate,
  archivedFile,
  type AgencyProfile,
  type Format,
  type ServerDraft,
  type TemplateInfo,
  type Validation,
} from './api.js';
import { errorText } from './errors.js';
import { startDraft } from './MyDocuments.js';
import { announce } from './announce.js';
import { useHeadingFocus } from './focus.js';
import { IssueDialog } from './IssueDialog.js';
import { PdfPreview } from './preview/PdfPreview.js';
import { byFieldId, describePath, elementFor, errorSchemaOf, fieldId, flaggedIds, parsePath } from './problems.js';
import { focusRow, richFields, type RichContext } from './richtext/RichTextField.js';
import { spliceAt } from './richtext/convert.js';
import { formSchema, uiSchemaFor } from './schemaUi.js';
import { useSuggestions } from './suggestions.js';
import { revealField, templates, translateString, widgets, type FormContext } from './theme.js';
import { validator } from './validator.js';

type Loaded = { id: string; schema: RJSFSchema; uiSchema: UiSchema; example: unknown };

type Preview =
  | { kind: 'idle'; url?: string }
  | { kind: 'checking'; url?: string }
  | { kind: 'rendering'; url?: string }
  | { kind: 'ready'; url: string; at: Date; warnings: number }
  | { kind: 'invalid'; url?: string; count: number }
  | { kind: 'error'; url?: string; message: string };

/**
 * No defaults are merged into the data: the loaded example or draft stays exactly as it was (react-jsonschema-form
 * would otherwise fill optional objects with empty rows the server then refuses). A new row starts empty; the fixed
 * "type" of a content block is set by its hidden field (theme.tsx, HiddenWidget).
 */
const DEFAULTS = {
  emptyObjectFields: 'skipDefaults',
  arrayMinItems: { populate: 'never' },
  constAsDefaults: 'never',
} as const;

const DRAFT_KEY = (id: string) => `vanban.draft.${id}`;
const DEBOUNCE_MS = 600;

type Draft = { template: string; savedAt: string; data: unknown };

function readDraft(id: string): Draft | null {
  try {
    const raw = localStorage.getItem(DRAFT_KEY(id));
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    return d && typeof d === 'object' && 'data' in d ? d : null;
  } catch {
    return null;
  }
}
function writeDraft(id: string, data: unknown): void {
  try {
    localStorage.setItem(DRAFT_KEY(id), JSON.stringify({ template: id, savedAt: new Date().toISOString(), data } satisfies Draft));
  } catch {
    /* storage full or disabled: the JSON file remains */
  }
}
function dropDraft(id: string): void {
  try {
    localStorage.removeItem(DRAFT_KEY(id));
  } catch {
    /* nothing to drop */
  }
}

const fmtTime = (d: Date) =>
  d.toLocaleString('vi-VN', { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });

const messageOf = errorText;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * A sample or a past document as a starting point: its number cleared (the register gives one when issuing) and its
 * date the current year (a draft may leave day and month blank); the agency fields from the profile when there is one.
 */
function startingPoint(data: unknown, profileFields: Obj | null): Obj {
  const { number: _number, ...rest } = isObj(data) ? data : {};
  return { ...rest, ...(profileFields ?? {}), date: String(new Date().getFullYear()) };
}

/** The server draft the form is a version of. */
type Server = { id: string; version: number; status: ServerDraft['status']; statusName: string; savedAt: Date; documentId: string | null };
const serverOf = (d: ServerDraft): Server => ({ id: d.id, version: d.version, status: d.status, statusName: d.statusName, savedAt: new Date(d.updatedAt), documentId: d.documentId });

export function Composer(props: {
  templates: TemplateInfo[];
  id: string;
  registerOn: boolean;
  onAuthNeeded: () => void;
  /** A server draft to open (#/ban-thao/<id>). */
  draftId?: string;
}) {
  const { id, registerOn, onAuthNeeded, draftId } = props;
  const info = props.templates.find((t) => t.id === id);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [formData, setFormData] = useState<unknown>(undefined);
  const formDataNow = useRef<unknown>(undefined);
  formDataNow.current = formData;
  const lastSplice = useRef<{ path: (string | number)[]; before: unknown; after: unknown } | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [restoredAt, setRestoredAt] = useState<Date | null>(null);
  const [validation, setValidation] = useState<Validation | null>(null);
  const [preview, setPreview] = useState<Preview>({ kind: 'idle' });
  /** The latest preview's bytes, drawn by pdf.js (its blob: URL stays for "open in a new tab"). */
  const [pdf, setPdf] = useState<Blob | null>(null);
  const [busy, setBusy] = useState<Format | null>(null);
  const [actionMsg, setActionMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [pane, setPane] = useState<'form' | 'preview'>('form');
  const [issueOpen, setIssueOpen] = useState(false);
  const [server, setServer] = useState<Server | null>(null);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [profileFields, setProfileFields] = useState<Obj | null>(null);
  const [profiles, setProfiles] = useState<AgencyProfile[]>([]);
  /** The data of the server's version (a save is needed when the form differs from it). */
  const savedJson = useRef<string | null>(null);
  const dirty = useRef(false);
  const seq = useRef(0);
  const urlRef = useRef<string | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);
  const heading = useHeadingFocus<HTMLHeadingElement>(loaded !== null);

  // The type's schema and example; a draft of the same type left in this browser comes back.
  useEffect(() => {
    let cancelled = false;
    setLoaded(null);
    setLoadError(null);
    setValidation(null);
    setActionMsg(null);
    Promise.all([
      getSchema(id),
      getExample(id).catch(() => undefined),
      draftId ? getDraft(draftId) : Promise.resolve(null),
      // The profile of the key's agency (the only one it sees); none when several or none are visible.
      listAgencies().catch(() => [] as AgencyProfile[]),
    ])
      .then(([serverSchema, example, opened, agencies]) => {
        if (cancelled) return;
        // The profile of the key's agency (the only one it sees) fills a new document; with several (an admin
        // key), the person chooses one.
        const fields = agencies.length === 1 ? agencies[0]!.fields : null;
        setProfiles(agencies);
        const schema = formSchema(serverSchema);
        const draft = opened ? null : readDraft(id);
        setLoaded({ id, schema, uiSchema: uiSchemaFor(schema), example });
        setProfileFields(fields);
        dirty.current = false;
        if (opened) {
          setServer(serverOf(opened));
          savedJson.current = JSON.stringify(opened.data);
        }
        // The register book (not issuable) keeps its example as it is: it has no number, date or agency to clear.
        const start = info?.issuable === false ? (example ?? {}) : startingPoint(example ?? {}, fields);
        setFormData(opened ? opened.data : draft ? draft.data : start);
        setRestoredAt(draft ? new Date(draft.savedAt) : null);
        setFormKey((k) => k + 1);
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        if (e instanceof ApiError && e.status === 401) onAuthNeeded();
        setLoadError(messageOf(e));
      });
    return () => {
      cancelled = true;
    };
  }, [id, info, draftId, onAuthNeeded]);

  useEffect(() => () => {
    if (urlRef.current) URL.revokeObjectURL(urlRef.current);
  }, []);

  const showPdf = useCallback((blob: Blob, warnings: number) => {
    const url = URL.createObjectURL(blob);
    const old = urlRef.current;
    urlRef.current = url;
    setPdf(blob);
    setPreview({ kind: 'ready', url, at: new Date(), warnings });
    if (old) setTimeout(() => URL.revokeObjectURL(old), 5_000);
  }, []);

  /** Issued: the draft is the register's record now; the server refuses changes, so the page offers none. */
  const issued = server?.status === 'issued';
  /** The register's document of an issued draft: its preview and downloads are that document's files. */
  const issuedDoc = issued ? server.documentId : null;
  // Check with the server, then print the preview: debounced, the older request aborted by the newer.
  useEffect(() => {
    if (!loaded || formData === undefined) return;
    const mine = ++seq.current;
    const ctrl = new AbortController();
    const timer = setTimeout(async () => {
      setPreview((p) => ({ kind: 'checking', url: p.url }));
      try {
        const v = await validate(loaded.id, formData, ctrl.signal);
        if (mine !== seq.current) return;
        setValidation(v);
        if (dirty.current) writeDraft(loaded.id, formData);
        if (!v.valid) {
          setPreview((p) => ({ kind: 'invalid', url: p.url, count: v.errors.length }));
          return;
        }
        setPreview((p) => ({ kind: 'rendering', url: p.url }));
        // An issued draft shows the register's PDF (its number and date, no DỰ THẢO mark).
        const f = issuedDoc ? await archivedFile(issuedDoc, 'pdf') : await render(loaded.id, formData, 'pdf', ctrl.signal);
        if (mine !== seq.current) return;
        showPdf(f.blob, f.warnings);
      } catch (e) {
        if (ctrl.signal.aborted || mine !== seq.current) return;
        if (e instanceof ApiError && e.status === 401) onAuthNeeded();
        if (e instanceof ApiError && e.status === 422) {
          setValidation({ valid: false, errors: e.details.map((d) => ({ ...d })), warnings: [] });
          setPreview((p) => ({ kind: 'invalid', url: p.url, count: e.details.length }));
          return;
        }
        setPreview((p) => ({ kind: 'error', url: p.url, message: messageOf(e) }));
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [formData, loaded, showPdf, onAuthNeeded, issuedDoc]);

  /** A rich-text paragraph that splits or takes a pasted list replaces its row by several (RichTextField.tsx). */
  const spliceBlocks = useCallback((path: (string | number)[], blocks: unknown[]) => {
    dirty.current = true;
    setFormData((d: unknown) => {
      const after = spliceAt(d, path, blocks);
      lastSplice.current = { path, before: d, after };
      return after;
    });
  }, []);
  /** The rows before the last split or block paste, if nothing changed the form since (the browser cannot undo them). */
  const undoBlocks = useCallback(() => {
    const u = lastSplice.current;
    // The form may hand back an equal copy of the rows (rjsf, the editors re-reading): compared by content.
    if (!u || (formDataNow.current !== u.after && JSON.stringify(formDataNow.current) !== JSON.stringify(u.after))) return null;
    lastSplice.current = null;
    dirty.current = true;
    setFormData(u.before);
    announce('Đã hoàn tác: các đoạn trở lại như trước khi tách hoặc dán.');
    return u.path;
  }, []);

  const extraErrors = useMemo(() => errorSchemaOf(validation?.errors ?? []), [validation]);
  const suggestions = useSuggestions(profiles);
  const formContext = useMemo<FormContext & RichContext>(
    () => ({
      warnings: byFieldId(validation?.warnings ?? []),
      flagged: flaggedIds([...(validation?.errors ?? []), ...(validation?.warnings ?? [])]),
      suggestions,
      spliceBlocks,
      undoBlocks,
    }),
    [validation, suggestions, spliceBlocks, undoBlocks],
  );

  const onChange = useCallback((e: IChangeEvent) => {
    dirty.current = true;
    setFormData(e.formData);
  }, []);

  const startFrom = (data: unknown, message: string) => {
    dirty.current = true;
    setFormData(data);
    setFormKey((k) => k + 1);
    setRestoredAt(null);
    setValidation(null);
    announce(message);
    setActionMsg({ kind: 'ok', text: message });
  };

  /** Replacing what is in the form is asked first whenever there is something to lose (a restored draft too). */
  const mayReplace = (what: string) => !(dirty.current || restoredAt || server) || window.confirm(`Thay toàn bộ nội dung đang soạn bằng ${what}? Nội dung chưa lưu sẽ mất.`);

  const loadExample = () => {
    if (!loaded || !mayReplace('dữ liệu mẫu')) return;
    dropDraft(loaded.id);
    const example = structuredClone(loaded.example ?? {});
    startFrom(info?.issuable === false ? example : startingPoint(example, profileFields), 'Đã nạp dữ liệu mẫu (số và ngày để trống).');
    dirty.current = false;
  };

  const loadBlank = () => {
    if (!loaded || !mayReplace('văn bản trống')) return;
    dropDraft(loaded.id);
    startFrom({ ...(profileFields ?? {}), date: String(new Date().getFullYear()) }, profileFields ? 'Đã tạo văn bản trống, điền sẵn theo hồ sơ cơ quan.' : 'Đã tạo văn bản trống.');
  };

  /** Choosing an agency fills every field that depends on it: the agency, the place, the signer, the Nơi nhận. */
  const applyProfile = (identifier: string) => {
    const p = profiles.find((x) => x.identifier === identifier);
    if (!p || !isObj(formData)) return;
    const recipients = isObj(formData.recipients) && isObj(p.fields.recipients) ? { ...formData.recipients, ...p.fields.recipients } : p.fields.recipients;
    setProfileFields(p.fields);
    startFrom({ ...formData, ...p.fields, recipients }, `Đã điền cơ quan, địa danh, người ký và nơi nhận theo hồ sơ ${p.name}.`);
  };

  /**
   * Saves the form on the server: a new draft the first time, then a new version made from the one opened. A
   * newer version saved meanwhile by someone else is refused (412): the form keeps its content and says so.
   */
  const saveOnServer = useCallback(
    async (status?: 'draft' | 'submitted'): Promise<{ id: string; version: number }> => {
      if (!loaded) throw new Error('no form');
      const json = JSON.stringify(formData);
      if (server && json === savedJson.current && (!status || status === server.status)) return server;
      setSaving(true);
      try {
        const d = server ? await saveDraft(server.id, server.version, formData, status) : await createDraft({ template: loaded.id, data: formData });
        const next = serverOf(d);
        setServer(next);
        setConflict(null);
        savedJson.current = json;
        dirty.current = false;
        dropDraft(loaded.id);
        if (!server && location.hash !== `#/ban-thao/${d.id}`) history.replaceState(null, '', `#/ban-thao/${d.id}`);
        return next;
      } catch (e) {
        if (e instanceof ApiError && e.status === 412) setConflict(errorText(e));
        throw e;
      } finally {
        setSaving(false);
      }
    },
    [loaded, formData, server],
  );

  const save = async (status?: 'draft' | 'submitted') => {
    try {
      const d = await saveOnServer(status);
      const text = `Đã lưu bản thảo, phiên bản ${d.version}${status === 'submitted' ? ', đã trình ký' : ''}.`;
      setActionMsg({ kind: 'ok', text });
      announce(text);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) onAuthNeeded();
      const text = `Chưa lưu được. ${messageOf(e)}`;
      // A refused save (412) is said once, in the conflict notice with its way out.
      if (!(e instanceof ApiError && e.status === 412)) setActionMsg({ kind: 'error', text });
      announce(text);
    }
  };

  /** After a refused save: the newest version replaces the form (the person's text is offered as a JSON file first). */
  const openNewest = async () => {
    if (!server || !loaded) return;
    if (!window.confirm('Mở phiên bản mới nhất trên máy chủ? Nội dung bạn đang sửa sẽ được tải về thành tệp JSON trước.')) return;
    saveDraftFile();
    const d = await getDraft(server.id);
    setServer(serverOf(d));
    savedJson.current = JSON.stringify(d.data);
    setConflict(null);
    startFrom(d.data, `Đã mở phiên bản ${d.version}.`);
    dirty.current = false;
  };

  const saveDraftFile = () => {
    if (!loaded) return;
    const body: Draft = { template: loaded.id, savedAt: new Date().toISOString(), data: formData };
    const blob = new Blob([JSON.stringify(body, null, 2) + '\n'], { type: 'application/json' });
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    saveBlob(blob, `ban-nhap-${loaded.id}-${stamp}.json`);
    setActionMsg({ kind: 'ok', text: 'Đã tải bản nháp thành tệp JSON (xem thư mục Tải xuống).' });
    announce('Đã lưu bản nháp.');
  };

  const openDraftFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file || !loaded) return;
    try {
      const parsed = JSON.parse(await file.text()) as unknown;
      const wrapped =
        parsed && typeof parsed === 'object' && 'data' in parsed && 'template' in parsed
          ? (parsed as { template: unknown; data: unknown })
          : { template: loaded.id, data: parsed };
      if (typeof wrapped.template === 'string' && wrapped.template !== loaded.id) {
        const other = props.templates.find((t) => t.id === wrapped.template);
        if (!other) throw new Error(`Tệp là bản nháp của loại "${wrapped.template}", dịch vụ không có loại này.`);
        writeDraft(other.id, wrapped.data);
        location.hash = `#/soan/${other.id}`;
        announce(`Đã mở bản nháp ${other.title}.`);
        return;
      }
      if (!wrapped.data || typeof wrapped.data !== 'object') throw new Error('Tệp không chứa dữ liệu văn bản.');
      startFrom(wrapped.data, `Đã mở bản nháp từ tệp ${file.name}.`);
    } catch (err) {
      const text =
        err instanceof SyntaxError
          ? `Tệp ${file.name} không phải JSON hợp lệ: chọn tệp bản nháp đã lưu từ trang này (đuôi .json).`
          : `${err instanceof Error ? err.message : String(err)} Chọn tệp bản nháp khác.`;
      setActionMsg({ kind: 'error', text });
      announce(text);
    }
  };

  const download = async (format: Format) => {
    if (!loaded) return;
    setBusy(format);
    setActionMsg(null);
    announce(`Đang tạo tệp ${format.toUpperCase()}...`);
    try {
      // An issued draft's files are the register's (no DỰ THẢO mark), not a render of the form.
      const f = issuedDoc ? await archivedFile(issuedDoc, format) : await render(loaded.id, formData, format);
      saveBlob(f.blob, f.filename);
      const text = `Đã tạo ${f.filename}.${f.warnings ? ` Có ${f.warnings} lưu ý: xem các ô có đánh dấu.` : ''}`;
      setActionMsg({ kind: 'ok', text });
      announce(text);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) onAuthNeeded();
      if (e instanceof ApiError && e.status === 422) setValidation({ valid: false, errors: e.details, warnings: [] });
      const text = `Không tạo được tệp ${format.toUpperCase()}. ${messageOf(e)}`;
      setActionMsg({ kind: 'error', text });
      announce(text);
    } finally {
      setBusy(null);
    }
  };

  const goTo = (path: string) => {
    revealField(fieldId(parsePath(path)));
    const el = elementFor(parsePath(path));
    if (!el) return;
    // At once: a phone showing the preview (a click on its text) hides the form, and a hidden field takes no focus.
    flushSync(() => setPane('form'));
    el.scrollIntoView({ block: 'center' });
    // Its first field, else its first button (a section's legend has its fold button first).
    const target = el.matches('input,textarea,select,button')
      ? el
      : (el.querySelector<HTMLElement>('input:not([type=hidden]),textarea,select') ?? el.querySelector<HTMLElement>('button'));
    (target ?? el).focus({ preventScroll: true });
  };

  if (loadError)
    return (
      <div className="panel">
        <div className="alert alert-error" role="alert">
          <p>Không mở được mẫu {info?.title ?? id}. {loadError}</p>
          <button type="button" className="btn" onClick={() => location.reload()}>
            Tải lại trang
          </button>
        </div>
      </div>
    );
  if (!loaded || formData === undefined)
    return (
      <div className="panel" role="status">
        <progress aria-label="Đang tải biểu mẫu" /> Đang tải biểu mẫu {info?.title ?? ''}...
      </div>
    );

  const errors = validation?.errors ?? [];
  const warnings = validation?.warnings ?? [];
  const title = info?.title ?? id;
  const previewBusy = preview.kind === 'checking' || preview.kind === 'rendering';

  return (
    <div className={`composer show-${pane}`}>
      <div className="composer-bar">
        <h2 className="composer-title" ref={heading} tabIndex={-1}>
          <span className="sr-only">Soạn </span>
          {title}
        </h2>
        <div className="actions" role="toolbar" aria-label="Thao tác với văn bản">
          {!issued && (
            <>
              <button type="button" className="btn" onClick={loadBlank}>
                Văn bản trống
              </button>
              <button type="button" className="btn" onClick={loadExample}>
                Dữ liệu mẫu
              </button>
              <button type="button" className="btn" onClick={() => fileInput.current?.click()}>
                Mở tệp JSON…
              </button>
              <input ref={fileInput} type="file" accept=".json,application/json" hidden onChange={openDraftFile} aria-label="Chọn tệp bản nháp JSON" />
            </>
          )}
          <button type="button" className="btn" onClick={saveDraftFile}>
            Tải tệp JSON
          </button>
          {registerOn && !issued && (
            <>
              <button type="button" className="btn btn-primary" onClick={() => save()} disabled={saving} aria-busy={saving}>
                {saving ? 'Đang lưu...' : 'Lưu bản thảo'}
              </button>
              <button type="button" className="btn" onClick={() => save('submitted')} disabled={saving || server?.status === 'submitted'}>
                Trình ký
              </button>
            </>
          )}
          <button type="button" className="btn btn-primary" onClick={() => download('docx')} disabled={busy !== null} aria-busy={busy === 'docx'}>
            {busy === 'docx' ? 'Đang tạo DOCX...' : issued ? 'Tải bản lưu DOCX' : 'Tải DOCX'}
          </button>
          <button type="button" className="btn btn-primary" onClick={() => download('pdf')} disabled={busy !== null} aria-busy={busy === 'pdf'}>
            {busy === 'pdf' ? 'Đang tạo PDF...' : issued ? 'Tải bản lưu PDF' : 'Tải PDF'}
          </button>
          {registerOn && !issued && (
            <button type="button" className="btn btn-issue" onClick={() => setIssueOpen(true)} disabled={errors.length > 0}
              title={errors.length ? 'Sửa hết lỗi trước khi ban hành' : undefined}>
              Ban hành…
            </button>
          )}
        </div>
        <div className="pane-switch" role="group" aria-label="Hiển thị">
          <button type="button" className="btn" aria-pressed={pane === 'form'} onClick={() => setPane('form')}>
            Biểu mẫu
          </button>
          <button type="button" className="btn" aria-pressed={pane === 'preview'} onClick={() => setPane('preview')}>
            Xem trước{previewBusy ? ' (đang kết xuất)' : ''}
          </button>
        </div>
      </div>

      {profiles.length > 0 && info?.issuable !== false && !issued && (
        <div className="profile-pick">
          <label htmlFor="profile-pick" className="field-label">
            Điền theo hồ sơ cơ quan
          </label>
          <select id="profile-pick" className="input select" value="" onChange={(e) => applyProfile(e.target.value)}>
            <option value="">Chọn cơ quan…</option>
            {profiles.map((p) => (
              <option key={p.identifier} value={p.identifier}>
                {p.name} ({p.identifier})
              </option>
            ))}
          </select>
        </div>
      )}
      {server && (
        <p className="draft-state" role="status">
          Bản thảo trên máy chủ · phiên bản {server.version} · {server.statusName} · lưu lúc {fmtTime(server.savedAt)}
        </p>
      )}
      {issued && server && (
        <div className="alert alert-info issued-note" role="status">
          <p>
            Văn bản này đã ban hành và đã vào sổ văn bản đi: bản thảo chỉ để xem, không sửa được nữa. Các nút tải về cho
            bản lưu trong sổ. Muốn soạn văn bản mới từ nội dung này, dùng &quot;Tạo từ văn bản này&quot;.
          </p>
          <button type="button" className="btn btn-primary" onClick={() => void startDraft({ fromDraft: server.id }, (text) => setActionMsg({ kind: 'error', text }))}>
            Tạo từ văn bản này
          </button>{' '}
          <a className="btn" href="#/so-van-ban">
            Đến sổ văn bản đi
          </a>
        </div>
      )}
      {conflict && (
        <div className="alert alert-error" role="alert">
          <p>{conflict}</p>
          <button type="button" className="btn" onClick={() => void openNewest()}>
            Mở phiên bản mới nhất
          </button>
        </div>
      )}
      {actionMsg && (
        <div className={`alert ${actionMsg.kind === 'error' ? 'alert-error' : 'alert-ok'}`} role={actionMsg.kind === 'error' ? 'alert' : 'status'}>
          {actionMsg.text}
          <button type="button" className="btn btn-quiet btn-small" onClick={() => setActionMsg(null)} aria-label="Đóng thông báo">
            ✕
          </button>
        </div>
      )}

      <div className="panes">
        {/* Ctrl/Cmd+Z right after a split or a paste that made rows: the rows back, wherever the focus went
            (a pasted list's first field is not a text box with its own undo). */}
        <section className="pane pane-form" aria-labelledby="form-heading"
          onKeyDown={(e) => {
            if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z') return;
            const row = undoBlocks();
            if (!row) return;
            e.preventDefault();
            focusRow(`root_${row.join('_')}`);
          }}>
          <h3 id="form-heading" className="sr-only">
            Biểu mẫu {title}
          </h3>
          {restoredAt && (
            <div className="alert alert-info" role="status">
              Đang tiếp tục bản nháp lưu lúc {fmtTime(restoredAt)} trên trình duyệt này (chưa lưu lên máy chủ).{' '}
              <button type="button" className="btn btn-small" onClick={loadExample}>
                Bắt đầu lại từ dữ liệu mẫu
              </button>
            </div>
          )}
          <ProblemSummary schema={loaded.schema} data={formData} errors={errors} warnings={warnings} goTo={goTo} />
          <JumpList schema={loaded.schema} goTo={goTo} />
          <Form
            key={formKey}
            schema={loaded.schema}
            uiSchema={loaded.uiSchema}
            formData={formData}
            validator={validator}
            onChange={onChange}
            extraErrors={extraErrors}
            formContext={formContext}
            templates={templates}
            widgets={widgets}
            fields={richFields}
            translateString={translateString}
            noValidate
            showErrorList={false}
            noHtml5Validate
            idPrefix="root"
            disabled={issued}
            experimental_defaultFormStateBehavior={DEFAULTS}
            onSubmit={() => undefined}
          />
        </section>

        <section className="pane pane-preview" aria-labelledby="preview-heading">
          <div className="preview-head">
            <h3 id="preview-heading">Xem trước (PDF)</h3>
            <PreviewStatus preview={preview} />
          </div>
          {previewBusy && <progress className="preview-progress" aria-label="Đang kết xuất bản xem trước" />}
          {preview.url && pdf ? (
            <>
              <PdfPreview pdf={pdf} stale={previewBusy} title={title} formData={formData} goTo={goTo} />
              <p className="preview-open">
                <a href={preview.url} target="_blank" rel="noopener">
                  Mở bản xem trước trong thẻ mới
                </a>
              </p>
            </>
          ) : (
            <div className="preview-empty">
              {preview.kind === 'invalid'
                ? 'Chưa có bản xem trước: sửa các lỗi trong biểu mẫu.'
                : preview.kind === 'error'
                  ? 'Chưa có bản xem trước.'
                  : 'Bản xem trước sẽ hiện ở đây.'}
            </div>
          )}
        </section>
      </div>

      {issueOpen && registerOn && (
        <IssueDialog
          title={title}
          save={() => saveOnServer()}
          onIssued={(doc) => setServer((s) => (s ? { ...s, status: 'issued', statusName: 'Đã ban hành', documentId: doc.id } : s))}
          onClose={() => setIssueOpen(false)}
          onProblems={(details) => setValidation({ valid: false, errors: details, warnings: [] })}
          onAuthNeeded={onAuthNeeded}
        />
      )}
    </div>
  );
}

/** The form's sections (its objects and lists), each a link that moves to it and focuses its first field. */
function JumpList({ schema, goTo }: { schema: RJSFSchema; goTo: (path: string) => void }) {
  const sections = Object.entries(schema.properties ?? {}).flatMap(([key, p]) =>
    p && typeof p === 'object' && (p.type === 'object' || p.type === 'array') && typeof p.title === 'string' ? [{ key, title: p.title }] : [],
  );
  if (sections.length < 3) return null;
  return (
    <nav className="jump-list" aria-label="Đến phần của biểu mẫu">
      <ul>
        {sections.map((s) => (
          <li key={s.key}>
            <a
              href={`#root_${s.key}`}
              onClick={(e) => {
                e.preventDefault();
                goTo(`$.${s.key}`);
              }}
            >
              {s.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function PreviewStatus({ preview }: { preview: Preview }) {
  let text = '';
  let cls = '';
  switch (preview.kind) {
    case 'idle':
      text = 'Chờ nội dung...';
      break;
    case 'checking':
      text = 'Đang kiểm tra dữ liệu...';
      cls = 'busy';
      break;
    case 'rendering':
      text = 'Đang kết xuất...';
      cls = 'busy';
      break;
    case 'ready':
      text = `Đã cập nhật lúc ${preview.at.toLocaleTimeString('vi-VN')}${preview.warnings ? `, ${preview.warnings} lưu ý` : ''}.`;
      cls = 'ok';
      break;
    case 'invalid':
      text = `Chưa cập nhật: biểu mẫu còn ${preview.count} lỗi.`;
      cls = 'bad';
      break;
    case 'error':
      text = `Không kết xuất được. ${preview.message}`;
      cls = 'bad';
      break;
  }
  return (
    <p className={`preview-status ${cls}`} role="status" aria-live="polite" data-state={preview.kind}>
      {text}
    </p>
  );
}

function ProblemSummary(props: {
  schema: RJSFSchema;
  data: unknown;
  errors: Validation['errors'];
  warnings: Validation['warnings'];
  goTo: (path: string) => void;
}) {
  const { schema, data, errors, warnings, goTo } = props;
  if (!errors.length && !warnings.length) return null;
  const item = (p: { path: string; message: string }, i: number) => (
    <li key={`${p.path}-${i}`}>
      <a
        href={`#${p.path}`}
        onClick={(e) => {
          e.preventDefault();
          goTo(p.path);
        }}
      >
        {describePath(schema, data, parsePath(p.path))}
      </a>
      : {p.message}
    </li>
  );
  return (
    <div className={`summary ${errors.length ? 'summary-error' : 'summary-warning'}`} role="region" aria-labelledby="summary-heading">
      <h3 id="summary-heading">
        {errors.length ? `Cần sửa ${errors.length} lỗi trước khi tải tệp` : `${warnings.length} lưu ý (vẫn tải được tệp)`}
      </h3>
      {errors.length > 0 && <ul>{errors.slice(0, 20).map(item)}</ul>}
      {errors.length > 20 && <p>... và {errors.length - 20} lỗi khác, đánh dấu đỏ trong biểu mẫu.</p>}
      {warnings.length > 0 && (
        <details open={errors.length === 0}>
          <summary>{warnings.length} lưu ý</summary>
          <ul>{warnings.slice(0, 20).map(item)}</ul>
        </details>
      )}
    </div>
  );
}
