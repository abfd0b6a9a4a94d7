/**
 * The rich-text editor of the staff page (issue 17): a react-jsonschema-form field (uiSchema 'ui:field':
 * 'RichText', set by schemaUi.ts from the shape of the schema) in place of a textarea, for two shapes:
 *
 * - "paragraph": a paragraph block ({ text } or { runs }, src/documents/common/schema.ts): the editor writes `text`
 *   while nothing is bold or italic, `runs` otherwise; the block's other fields (lead, italic, align, footnote)
 *   stay ordinary fields below it. In a content-block array, Enter splits the paragraph into two blocks and a paste
 *   of several paragraphs or a list inserts them as blocks after this one, through the Composer's
 *   `spliceBlocks` (formContext): a field cannot splice its parent array.
 * - "inline": a free-text field given as a string or { runs }: a plain string while unformatted; Enter and
 *   pasted paragraphs are line breaks ("\n").
 *
 * The editor is a contentEditable region that looks like the textareas, with Đậm / Nghiêng buttons (aria-pressed
 * follows the caret) and Ctrl/Cmd+B, Ctrl/Cmd+I. What is typed is read back from its HTML (convert.ts) and sent
 * up; the DOM is rewritten only when the value changes from outside (a draft opened, a paste that split the
 * block), so the caret stays where it is while typing. Text is NFC.
 */
import { errorId, getUiOptions, type ErrorSchema, type FieldProps, type RJSFSchema } from '@rjsf/utils';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from 'react';
import {
  blocksFromPieces,
  inlineRunsFromPieces,
  inlineWith,
  normalizeRuns,
  paragraphWith,
  piecesFromHtml,
  piecesFromText,
  plainOf,
  runsOfEditorHtml,
  runsOfInline,
  runsOfParagraph,
  runsToHtml,
  splitPaste,
  type Piece,
  type Run,
} from './convert.js';
import { RICH_FIELD } from './shape.js';
import './richtext.css';

/** What the Composer gives the field through formContext. */
export type RichContext = {
  /** Replaces the row of a list at `path` by `blocks` (the row's new value first, then the inserted rows). */
  spliceBlocks?: (path: (string | number)[], blocks: unknown[]) => void;
  /**
   * Ctrl/Cmd+Z after a split or a pasted set of blocks, with nothing changed since: the rows as they were. Returns
   * the path of the row that was split or pasted into, or null when the browser's own undo should act.
   */
  undoBlocks?: () => (string | number)[] | null;
  warnings?: Map<string, string[]>;
};

type Caret = { head: Run[]; tail: Run[] };

/** Every message under a node of an ErrorSchema (a paragraph's text, its runs and their fields). */
function messagesUnder(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => (k === '__errors' && Array.isArray(v) ? (v as string[]) : messagesUnder(v)));
}

/** The character offset `offset` of the editor's text (a <br> counts one) as a DOM position. */
function placeCaret(el: HTMLElement, offset: number): void {
  const sel = window.getSelection();
  if (!sel) return;
  const range = document.createRange();
  let left = offset;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  let placed = false;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) {
      const len = (n.nodeValue ?? '').length;
      if (left <= len) {
        range.setStart(n, left);
        placed = true;
        break;
      }
      left -= len;
    } else if ((n as Element).tagName === 'BR') {
      if (left === 0) {
        range.setStartBefore(n);
        placed = true;
        break;
      }
      left -= 1;
    }
  }
  if (!placed) range.selectNodeContents(el), range.collapse(false);
  else range.collapse(true);
  sel.removeAllRanges();
  sel.addRange(range);
}

/** After the form redraws its rows: the row's editor (or first field) focused, its row unfolded, caret at the start. */
export function focusRow(rowId: string): void {
  // Its fields (ids "<row>_<name>"), not its own controls ("<row>__oneof_select", "<row>__toggle").
  const selector = `[id^="${rowId}_"]:not([id^="${rowId}__"]):is([contenteditable], input:not([type=hidden]), textarea, select)`;
  const before = document.querySelector(selector);
  let frames = 0;
  const attempt = () => {
    const el = document.querySelector<HTMLElement>(selector);
    if ((!el || el === before) && ++frames < 20) return void requestAnimationFrame(attempt);
    if (!el) return;
    const toggle = document.getElementById(`${rowId}__toggle`);
    if (toggle?.getAttribute('aria-expanded') === 'false') toggle.click();
    requestAnimationFrame(() => {
      el.focus();
      if (el.isContentEditable) placeCaret(el, 0);
      el.scrollIntoView({ block: 'nearest' });
    });
  };
  requestAnimationFrame(attempt);
}

type EditorProps = {
  id: string;
  labelledBy: string;
  label: string;
  describedBy: string;
  invalid: boolean;
  disabled: boolean;
  runs: Run[];
  /** An inline field: Enter and pasted paragraphs are line breaks. */
  lineBreaks: boolean;
  onRuns: (runs: Run[]) => void;
  /** A paste of several pieces handled by the field (as blocks); false: inserted in the text here. */
  onPastePieces?: (pieces: Piece[], at: Caret) => boolean;
  /** Enter in a paragraph: the field splits it. */
  onSplit?: (at: Caret) => void;
  /** Edit → Undo of the last split or block paste (the rows are the form's, not this box's history): true when done. */
  onUndo?: () => boolean;
};

function RichEditor(props: EditorProps) {
  const { id, labelledBy, label, describedBy, invalid, disabled, runs, lineBreaks } = props;
  const ref = useRef<HTMLDivElement>(null);
  /** The runs the DOM shows (as JSON): what came from outside last, or what was read from it last. */
  const shown = useRef<string | null>(null);
  const composing = useRef(false);
  const saved = useRef<Range | null>(null);
  const [active, setActive] = useState({ bold: false, italic: false });
  const latest = useRef(props);
  latest.current = props;
  const key = JSON.stringify(runs);

  // The DOM from the value only when the value is not what the editor last showed or sent.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || key === shown.current) return;
    el.innerHTML = runsToHtml(runs);
    shown.current = key;
  }, [key, runs]);

  const read = useCallback(() => {
    const el = ref.current;
    if (!el || composing.current) return;
    const now = runsOfEditorHtml(el.innerHTML, latest.current.lineBreaks);
    const k = JSON.stringify(now);
    if (k === shown.current) return;
    shown.current = k;
    latest.current.onRuns(now);
  }, []);

  // The buttons' state follows the caret; the selection is kept for a button pressed from the keyboard.
  useEffect(() => {
    const onSelection = () => {
      const el = ref.current;
      const sel = window.getSelection();
      if (!el || !sel?.rangeCount || !el.contains(sel.getRangeAt(0).commonAncestorContainer)) return;
      saved.current = sel.getRangeAt(0).cloneRange();
      setActive({ bold: document.queryCommandState('bold'), italic: document.queryCommandState('italic') });
    };
    document.addEventListener('selectionchange', onSelection);
    return () => document.removeEventListener('selectionchange', onSelection);
  }, []);

  /** The runs before and after the selection (the selection itself dropped). */
  const caret = (): Caret => {
    const el = ref.current!;
    const sel = window.getSelection();
    const r = sel?.rangeCount ? sel.getRangeAt(0) : null;
    const whole = runsOfEditorHtml(el.innerHTML, lineBreaks);
    if (!r || !el.contains(r.commonAncestorContainer)) return { head: whole, tail: [] };
    const half = (start: boolean) => {
      const part = document.createRange();
      part.selectNodeContents(el);
      if (start) part.setEnd(r.startContainer, r.startOffset);
      else part.setStart(r.endContainer, r.endOffset);
      const box = document.createElement('div');
      box.append(part.cloneContents());
      return runsOfEditorHtml(box.innerHTML, lineBreaks, true);
    };
    return { head: half(true), tail: half(false) };
  };

  /** Runs typed or pasted at the caret: the DOM redrawn from head + runs + tail, the caret after the insertion. */
  const insert = (more: Run[]) => {
    const el = ref.current!;
    const { head, tail } = caret();
    const before = normalizeRuns([...head, ...more]);
    el.innerHTML = runsToHtml(normalizeRuns([...before, ...tail]));
    placeCaret(el, plainOf(before).length);
    read();
  };

  const exec = (command: 'bold' | 'italic') => {
    const el = ref.current;
    if (!el || disabled) return;
    if (document.activeElement !== el) {
      el.focus();
      const sel = window.getSelection();
      if (saved.current && sel) {
        sel.removeAllRanges();
        sel.addRange(saved.current);
      }
    }
    document.execCommand(command, false);
    read();
    setActive({ bold: document.queryCommandState('bold'), italic: document.queryCommandState('italic') });
  };

  const paste = (data: DataTransfer) => {
    const html = data.getData('text/html');
    const text = data.getData('text/plain');
    // One line of plain text goes in as it is, its spaces at both ends included.
    if (!html && text && !/[\r\n]/.test(text)) return insert([{ text: text.replace(/[\t\u00a0]/g, ' ') }]);
    let pieces = html ? piecesFromHtml(html) : [];
    if (!pieces.length) pieces = piecesFromText(text);
    if (!pieces.length) return;
    if (pieces.length > 1 && props.onPastePieces?.(pieces, caret())) return;
    if (pieces.length === 1) return insert(pieces[0]!.runs);
    insert(lineBreaks ? inlineRunsFromPieces(pieces) : pieces.flatMap((p, i) => (i ? [{ text: ' ' }, ...p.runs] : p.runs)));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const mod = e.ctrlKey || e.metaKey;
    const k = e.key.toLowerCase();
    if (mod && !e.altKey && (k === 'b' || k === 'i')) {
      e.preventDefault();
      exec(k === 'b' ? 'bold' : 'italic');
    } else if (mod && k === 'u') {
      e.preventDefault(); // no underline in a document of Decree 30's format
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      enter();
    }
    // Ctrl/Cmd+Z after a split or a block paste: the form pane's handler (Composer.tsx), wherever the focus is.
  };

  /** Enter: a line break in an inline field; in a paragraph, the field splits it (or nothing). */
  const enter = () => {
    if (lineBreaks) {
      document.execCommand('insertLineBreak');
      read();
    } else props.onSplit?.(caret());
  };
  const enterRef = useRef(enter);
  enterRef.current = enter;

  // Edits that come without a key (a phone keyboard's Enter, a menu's underline): React's onBeforeInput does not
  // carry inputType, so the native event is listened to.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onBeforeInput = (e: InputEvent) => {
      if (e.inputType === 'insertParagraph') {
        e.preventDefault();
        enterRef.current();
      } else if (e.inputType === 'historyUndo' && latest.current.onUndo?.()) {
        // The browser's Edit menu: the same undo as Ctrl+Z.
        e.preventDefault();
      } else if (e.inputType.startsWith('format') && e.inputType !== 'formatBold' && e.inputType !== 'formatItalic') e.preventDefault();
    };
    el.addEventListener('beforeinput', onBeforeInput);
    return () => el.removeEventListener('beforeinput', onBeforeInput);
  }, []);

  const onToolbarKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
    const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('button'));
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : (at + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
    e.preventDefault();
    buttons.forEach((b, i) => (b.tabIndex = i === to ? 0 : -1));
    buttons[to]?.focus();
  };

  const button = (command: 'bold' | 'italic', text: string, keys: string, first: boolean) => (
    <button type="button" className="btn btn-small rich-button" aria-pressed={active[command]} disabled={disabled} tabIndex={first ? 0 : -1}
      title={`${text} (${keys})`} aria-keyshortcuts={command === 'bold' ? 'Control+B Meta+B' : 'Control+I Meta+I'}
      onMouseDown={(e) => e.preventDefault()} onClick={() => exec(command)}>
      <span className={`rich-button-${command}`}>{text}</span>
    </button>
  );

  return (
    <div className="rich">
      <div className="rich-toolbar" role="toolbar" aria-label={`Định dạng: ${label}`} aria-controls={id} onKeyDown={onToolbarKey}>
        {button('bold', 'Đậm', 'Ctrl+B', true)}
        {button('italic', 'Nghiêng', 'Ctrl+I', false)}
      </div>
      <div
        ref={ref}
        id={id}
        className="input textarea rich-editor"
        role="textbox"
        aria-multiline="true"
        aria-labelledby={labelledBy}
        aria-label={label}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        aria-disabled={disabled || undefined}
        contentEditable={!disabled}
        suppressContentEditableWarning
        spellCheck
        lang="vi"
        tabIndex={disabled ? -1 : 0}
        onInput={read}
        onKeyDown={onKeyDown}
        onCompositionStart={() => (composing.current = true)}
        onCompositionEnd={() => {
          composing.current = false;
          read();
        }}
        onPaste={(e: ClipboardEvent<HTMLDivElement>) => {
          e.preventDefault();
          paste(e.clipboardData);
        }}
        onDrop={(e: DragEvent<HTMLDivElement>) => {
          e.preventDefault();
          const at = document.caretRangeFromPoint?.(e.clientX, e.clientY);
          const sel = window.getSelection();
          if (at && sel) {
            ref.current?.focus();
            sel.removeAllRanges();
            sel.addRange(at);
          }
          paste(e.dataTransfer);
        }}
      />
    </div>
  );
}

type S = RJSFSchema & { properties?: Record<string, RJSFSchema> };

/** The field: a paragraph block's content, or an inline free-text value (see the header). */
export function RichTextField(props: FieldProps) {
  const { schema, uiSchema, formData, fieldPathId, onChange, errorSchema, rawErrors, registry, disabled, readonly, hideError } = props;
  const options = getUiOptions(uiSchema);
  const paragraph = options.rich === 'paragraph';
  const context = registry.formContext as RichContext | undefined;
  const path = fieldPathId.path;
  const index = path[path.length - 1];
  const splice = paragraph && typeof index === 'number' ? context?.spliceBlocks : undefined;
  const rowBase = fieldPathId.$id.replace(/_\d+$/, '');
  const data = useRef(formData);
  data.current = formData;

  const runs = useMemo(() => (paragraph ? runsOfParagraph(formData) : runsOfInline(formData)), [paragraph, formData]);
  const onRuns = useCallback(
    (next: Run[]) => onChange(paragraph ? paragraphWith(data.current, next) : inlineWith(next), fieldPathId.path),
    [onChange, paragraph, fieldPathId],
  );

  /** The row replaced by `blocks`; the row `focus` rows after it then takes the focus. */
  const spliceRows = (blocks: unknown[], focus: number) => {
    if (!splice || typeof index !== 'number') return;
    splice(path, blocks);
    focusRow(`${rowBase}_${index + focus}`);
  };

  const onPastePieces = splice
    ? (pieces: Piece[], at: Caret) => {
        const { current, rest } = splitPaste(at.head, at.tail, pieces);
        const lists = options.listBlocks === 'rich' || options.listBlocks === 'plain' ? options.listBlocks : false;
        const blocks = blocksFromPieces(rest, lists);
        spliceRows(current ? [paragraphWith(data.current, current), ...blocks] : blocks, current ? 1 : 0);
        return true;
      }
    : undefined;
  const onSplit = splice ? (at: Caret) => spliceRows([paragraphWith(data.current, at.head), paragraphWith({ type: 'paragraph' }, at.tail)], 1) : undefined;
  const undo = context?.undoBlocks;
  const onUndo = undo
    ? () => {
        const row = undo();
        if (!row) return false;
        focusRow(`root_${row.join('_')}`);
        return true;
      }
    : undefined;

  const props_ = (schema as S).properties ?? {};
  const id = paragraph ? `${fieldPathId.$id}_text` : fieldPathId.$id;
  const label = String((paragraph ? props_.text?.title : schema.title) ?? 'Nội dung');
  // An inline field's own errors and warnings are shown by the FieldTemplate (ids `__error`, `__help`); those of
  // its runs, here. A paragraph's, of its text and its runs, all here.
  const errorsHere = paragraph ? `${id}__error` : `${id}__runs-error`;
  const warningsHere = paragraph ? `${id}__help` : `${id}__runs-help`;
  const warnings = [...(context?.warnings?.entries() ?? [])]
    .filter(([k]) => (paragraph && k === id) || k.startsWith(`${fieldPathId.$id}_runs`))
    .flatMap(([, w]) => w);
  const errors = hideError ? [] : paragraph ? messagesUnder({ text: errorSchema?.text, runs: errorSchema?.runs } as ErrorSchema) : messagesUnder(errorSchema);
  const ownErrors = !paragraph && !hideError && (rawErrors?.length ?? 0) > 0;
  const describedBy = [...new Set([errorId(fieldPathId), errorsHere, `${fieldPathId.$id}__help`, warningsHere, ...(paragraph ? [] : [`${id}__description`])])].join(' ');

  const editor = (
    <>
      <RichEditor
        id={id}
        labelledBy={`${id}__label`}
        label={label}
        describedBy={describedBy}
        invalid={errors.length > 0 || ownErrors}
        disabled={!!(disabled || readonly)}
        runs={runs}
        lineBreaks={!paragraph}
        onRuns={onRuns}
        onPastePieces={onPastePieces}
        onSplit={onSplit}
        onUndo={onUndo}
      />
      {errors.length > 0 && (
        <ul className="field-errors" id={errorsHere}>
          {errors.map((m, i) => (
            <li key={i}>
              <span className="tag">Lỗi:</span> {m}
            </li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <ul className="field-warnings" id={warningsHere}>
          {warnings.map((w, i) => (
            <li key={i}>
              <span className="tag">Lưu ý:</span> {w}
            </li>
          ))}
        </ul>
      )}
    </>
  );
  if (!paragraph) {
    // A row of a list or a branch of a choice is named by the FieldTemplate above it (same id); a field alone is
    // not (react-jsonschema-form shows no label for a custom field), so it has its own label and description.
    const named = typeof index === 'number' || options.branch === true;
    if (named) return editor;
    const description = typeof schema.description === 'string' ? schema.description : '';
    return (
      <div className="rich-field">
        <span className="field-label" id={`${id}__label`} onClick={() => document.getElementById(id)?.focus()}>
          {label}
          {props.required && <span className="required" aria-hidden="true"> *</span>}
        </span>
        {description && (
          <p className="field-description" id={`${id}__description`}>
            {description}
          </p>
        )}
        {editor}
      </div>
    );
  }

  // The block's other fields, drawn by the ordinary object field without text and runs.
  const { text: _text, runs: _runs, ...others } = props_;
  const rest = { ...schema, properties: others, required: (schema.required ?? []).filter((k) => k !== 'text' && k !== 'runs') } as RJSFSchema;
  const { 'ui:field': _field, ...restUi } = uiSchema ?? {};
  const ObjectField = registry.fields.ObjectField!;
  return (
    <div className="rich-paragraph">
      <div className="field rich-field">
        <span className="field-label" id={`${id}__label`} onClick={() => document.getElementById(id)?.focus()}>
          {label}
        </span>
        {editor}
      </div>
      <ObjectField {...props} schema={rest} uiSchema={restUi} />
    </div>
  );
}

export const richFields = { [RICH_FIELD]: RichTextField };
