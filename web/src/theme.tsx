/**
 * The look of react-jsonschema-form on this page: Vietnamese wording, fieldsets with legends, rows of a list
 * numbered as the document will number them ("Điều 2") with buttons that say what they do to which row,
 * errors and warnings from the server under their field and tied to it with aria-describedby.
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ChangeEvent, type FocusEvent, type ReactElement, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import {
  ADDITIONAL_PROPERTY_FLAG,
  ariaDescribedByIds,
  canExpand,
  descriptionId,
  enumOptionsIndexForValue,
  enumOptionsValueForIndex,
  errorId,
  replaceStringParameters,
  titleId,
  TranslatableString,
  type ArrayFieldItemTemplateProps,
  type ArrayFieldTemplateProps,
  type DescriptionFieldProps,
  type FieldErrorProps,
  type FieldHelpProps,
  type FieldTemplateProps,
  type MultiSchemaFieldTemplateProps,
  type ObjectFieldTemplateProps,
  type OptionalDataControlsTemplateProps,
  type RJSFSchema,
  type TemplatesType,
  type TitleFieldProps,
  type WidgetProps,
  type RegistryWidgetsType,
  type FieldPathId,
} from '@rjsf/utils';
import { announce } from './announce.js';
import { isInlineRich } from './richtext/convert.js';
import { DateWidget } from './DateWidget.js';
import { dateWording } from './dateText.js';
import { Combobox, type Choice } from './Combobox.js';
import { codeName } from './schemaUi.js';
import type { RichContext } from './richtext/RichTextField.js';
import { paragraphRow } from './richtext/shape.js';

// A row added to a list of content blocks ("Thêm" or "+") is a paragraph (paragraphRow), not the union's first
// branch (a heading, whose level and title then show as missing). The form's default-state behaviour skips schema
// defaults (emptyObjectFields: 'skipDefaults'), so the row is spliced in through the form context.
const spliceOf = (formContext: unknown) => (formContext as RichContext | undefined)?.spliceBlocks;

export type FormContext = {
  /** Warnings from the server by field id ("root_articles_0_text"). */
  warnings: Map<string, string[]>;
  /** Ids of the fields with an error or a warning, and of every field that holds one (rows open by themselves). */
  flagged: Set<string>;
  /** Values the service suggests, by the kind a field's ui:options.suggest names ("agency", "recipients"). */
  suggestions?: Record<string, string[]>;
};

const VI: Record<string, string> = {
  [TranslatableString.ArrayItemTitle]: 'Mục',
  [TranslatableString.MissingItems]: 'Thiếu định nghĩa các mục',
  [TranslatableString.EmptyArray]: 'Chưa có mục nào.',
  [TranslatableString.YesLabel]: 'Có',
  [TranslatableString.NoLabel]: 'Không',
  [TranslatableString.CloseLabel]: 'Đóng',
  [TranslatableString.ErrorsLabel]: 'Lỗi',
  [TranslatableString.NewStringDefault]: 'Giá trị mới',
  [TranslatableString.AddButton]: 'Thêm',
  [TranslatableString.AddItemButton]: 'Thêm mục',
  [TranslatableString.CopyButton]: 'Sao chép',
  [TranslatableString.ExpandButton]: 'Mở rộng',
  [TranslatableString.MoveDownButton]: 'Chuyển xuống',
  [TranslatableString.MoveUpButton]: 'Chuyển lên',
  [TranslatableString.RemoveButton]: 'Xóa',
  [TranslatableString.NowLabel]: 'Bây giờ',
  [TranslatableString.ClearLabel]: 'Xóa',
  [TranslatableString.AriaDateLabel]: 'Chọn ngày',
  [TranslatableString.PreviewLabel]: 'Xem trước',
  [TranslatableString.DecrementAriaLabel]: 'Giảm 1',
  [TranslatableString.IncrementAriaLabel]: 'Tăng 1',
  [TranslatableString.OptionalObjectAdd]: 'Thêm',
  [TranslatableString.OptionalObjectRemove]: 'Bỏ',
  [TranslatableString.OptionalObjectEmptyMsg]: 'Chưa có (tùy chọn)',
  [TranslatableString.Type]: 'Kiểu',
  [TranslatableString.Value]: 'Giá trị',
  [TranslatableString.ClearButton]: 'Xóa nội dung ô',
  [TranslatableString.UnknownFieldType]: 'Kiểu trường không rõ %1',
  [TranslatableString.OptionPrefix]: 'Dạng %1',
  [TranslatableString.TitleOptionPrefix]: '%1: dạng %2',
  [TranslatableString.KeyLabel]: 'Khóa %1',
  [TranslatableString.DeprecatedLabel]: '%1 (không còn dùng)',
  [TranslatableString.UnsupportedField]: 'Trường không được hỗ trợ.',
  [TranslatableString.UnsupportedFieldWithId]: 'Trường `%1` không được hỗ trợ.',
  [TranslatableString.UnsupportedFieldWithReason]: 'Trường không được hỗ trợ: _%1_.',
  [TranslatableString.UnsupportedFieldWithIdAndReason]: 'Trường `%1` không được hỗ trợ: _%2_.',
  [TranslatableString.FilesInfo]: '**%1** (%2, %3 byte)',
};

export function translateString(str: TranslatableString, params?: string[]): string {
  return replaceStringParameters(VI[str] ?? str, params);
}

const warningsOf = (formContext: unknown, id: string): string[] => (formContext as FormContext | undefined)?.warnings.get(id) ?? [];

/** The last step of a field's path when it is a row of a list. */
const rowIndex = (fieldPathId: FieldPathId): number | undefined => {
  const last = fieldPathId.path[fieldPathId.path.length - 1];
  return typeof last === 'number' ? last : undefined;
};

/**
 * A value a single box holds (text or a number, or rich text { runs } in its editor): a row holding one is drawn
 * inline, not as a foldable group (a row must not turn into a group when a word in it is made bold).
 */
const isSimple = (v: unknown) => v === undefined || v === null || typeof v !== 'object' || isInlineRich(v);

/** The name of one row of a list: the row's own title, else the list's title without "Các" ("Các cột" -> "Cột"). */
function rowNoun(item: RJSFSchema | undefined, listTitle: string | undefined): string {
  const own = typeof item?.title === 'string' && item.title && item.type !== 'array' ? item.title : '';
  if (own) return own;
  const list = listTitle?.trim() ?? '';
  if (/^(các|những)\s+/i.test(list)) {
    const rest = list.replace(/^(các|những)\s+/i, '');
    return rest.charAt(0).toUpperCase() + rest.slice(1);
  }
  return (typeof item?.title === 'string' && item.title) || list || 'Mục';
}

/** "Căn cứ ban hành-3" (react-jsonschema-form's row title) or the row's own title -> "Căn cứ 3". */
function rowLabel(schema: RJSFSchema, label: string, index: number): string {
  return `${rowNoun(schema, label.replace(/-\d+$/, ''))} ${index + 1}`;
}

/** The title of the list a row is in (rows name themselves after it). */
const ListTitle = createContext<string | undefined>(undefined);

function FieldTemplate(props: FieldTemplateProps) {
  const { id, classNames, style, label, children, errors, rawErrors, description, rawDescription, hidden, required, displayLabel, schema, fieldPathId, registry, uiSchema } =
    props;
  if (hidden) return <div hidden>{children}</div>;
  if (ADDITIONAL_PROPERTY_FLAG in schema) return <RecordEntry {...props} />;
  const warnings = warningsOf(registry.formContext, id);
  const isUnion = (!!schema.oneOf || !!schema.anyOf) && schema.type !== 'object' && schema.type !== 'array';
  const isContainer = schema.type === 'object' || schema.type === 'array' || !!schema.oneOf || !!schema.anyOf;
  const index = rowIndex(fieldPathId);
  const isBranch = (uiSchema?.['ui:options'] as { branch?: boolean } | undefined)?.branch === true;
  const shownLabel = index !== undefined && !isContainer ? rowLabel(schema, label, index) : label;
  const warn = <Warnings id={id} warnings={warnings} />;
  const cls = `${classNames ?? ''} field${rawErrors?.length ? ' has-error' : ''}${warnings.length ? ' has-warning' : ''}`;
  if (isContainer) {
    return (
      <div className={cls} style={style}>
        {errors}
        {warn}
        {!isBranch && isUnion && (index === undefined ? displayLabel : true) && (
          <div className={`union-label${index !== undefined && !isSimple(props.formData) ? ' sr-only' : ''}`}>
            <label htmlFor={id} id={`${id}__label`}>
              {index === undefined ? shownLabel : rowLabel(schema, label, index)}
              {required && index === undefined && <span className="required" aria-hidden="true"> *</span>}
            </label>
            {rawDescription && index === undefined ? description : null}
          </div>
        )}
        {children}
      </div>
    );
  }
  const isCheckbox = schema.type === 'boolean';
  return (
    <div className={cls} style={style}>
      {displayLabel && !isBranch && !isCheckbox && (
        <label htmlFor={id} className="field-label">
          {shownLabel}
          {required && <span className="required" aria-hidden="true"> *</span>}
        </label>
      )}
      {displayLabel && !isBranch && !isCheckbox && rawDescription ? description : null}
      {children}
      {errors}
      {warn}
    </div>
  );
}

function Warnings({ id, warnings }: { id: string; warnings: string[] }) {
  if (!warnings.length) return null;
  return (
    <ul className="field-warnings" id={`${id}__help`}>
      {warnings.map((w, i) => (
        <li key={i}>
          <span className="tag">Lưu ý:</span> {w}
        </li>
      ))}
    </ul>
  );
}

/** How many entries the enclosing record (an object keyed by code, e.g. criteria "1.1.1") has: long ones start folded. */
const RecordSize = createContext(0);

/** One entry of a record: its code (renamed on leaving the box), its value, a button to remove it; foldable. */
function RecordEntry(props: FieldTemplateProps) {
  const { id, label, children, errors, onKeyRenameBlur, onRemoveProperty, registry, schema, readonly, disabled, formData } = props;
  const size = useContext(RecordSize);
  const [open, setOpen] = useState(size <= 4);
  const flagged = (registry.formContext as FormContext | undefined)?.flagged.has(id) ?? false;
  const isContainer = schema.type === 'object' || schema.type === 'array';
  const shown = !isContainer || open || flagged;
  const what = typeof schema.title === 'string' ? schema.title : 'mục';
  const keyBox = (
    <div className="field record-key">
      <label htmlFor={`${id}-key`} className="field-label">
        Mã
      </label>
      <input id={`${id}-key`} className="input" type="text" defaultValue={label} onBlur={onKeyRenameBlur} disabled={disabled || readonly} />
    </div>
  );
  const remove = (
    <button type="button" className="btn btn-icon btn-danger" onClick={onRemoveProperty} disabled={disabled || readonly}>
      <span aria-hidden="true">✕</span>
      <span className="sr-only">
        Xóa {what} {label}
      </span>
    </button>
  );
  if (!isContainer)
    return (
      <div className="row row-leaf record-entry">
        {keyBox}
        <div className="row-main">
          {children}
          {errors}
          <Warnings id={id} warnings={warningsOf(registry.formContext, id)} />
        </div>
        <div className="row-tools">{remove}</div>
      </div>
    );
  const text = shown ? '' : clip(gist(formData, 0, schema));
  return (
    <section className={`row row-group record-entry${shown ? '' : ' folded'}`} aria-labelledby={`${id}__row`}>
      <div className="row-head">
        <button type="button" className="row-toggle" id={`${id}__toggle`} aria-expanded={shown} aria-controls={`${id}__body`}
          onClick={() => setOpen(!shown)} disabled={flagged && shown}>
          <span className="chev" aria-hidden="true">{shown ? '▾' : '▸'}</span>
          <span className="row-title" id={`${id}__row`}>
            <span className="sr-only">{what} </span>
            {label}
          </span>
          {text && <span className="row-gist">{text}</span>}
        </button>
        <div className="row-tools">{remove}</div>
      </div>
      <div id={`${id}__body`} hidden={!shown}>
        {keyBox}
        {errors}
        <Warnings id={id} warnings={warningsOf(registry.formContext, id)} />
        {children}
      </div>
    </section>
  );
}

function DescriptionFieldTemplate({ id, description }: DescriptionFieldProps) {
  if (!description) return null;
  return (
    <p id={id} className="field-description">
      {description}
    </p>
  );
}

function FieldErrorTemplate({ errors = [], fieldPathId, schema }: FieldErrorProps) {
  // A date box reads dd/mm/yyyy: the server's message names the forms the same way (DateWidget.tsx).
  const list = errors.filter(Boolean).map((e) => (schema['x-date'] && typeof e === 'string' ? dateWording(e) : e));
  if (!list.length) return null;
  return (
    <ul id={errorId(fieldPathId)} className="field-errors">
      {list.map((e, i) => (
        <li key={i}>
          <span className="tag">Lỗi:</span> {e}
        </li>
      ))}
    </ul>
  );
}

/** Help is not used by the schemas: its id carries the server's warnings instead (see FieldTemplate). */
function FieldHelpTemplate(_props: FieldHelpProps) {
  return null;
}

const REVEAL = 'vanban:reveal';

/** Opens the folded sections and rows that hold a field (the jump list, the problem summary), before moving to it. */
export function revealField(id: string): void {
  document.dispatchEvent(new CustomEvent<string>(REVEAL, { detail: id }));
}

/** Whether a foldable part is open, opened (synchronously, so that the field can be focused next) by revealField. */
function useFold(id: string, initial: () => boolean) {
  const [open, setOpen] = useState(initial);
  useEffect(() => {
    const on = (e: Event) => {
      const target = (e as CustomEvent<string>).detail;
      if (target === id || target.startsWith(`${id}_`)) flushSync(() => setOpen(true));
    };
    document.addEventListener(REVEAL, on);
    return () => document.removeEventListener(REVEAL, on);
  }, [id]);
  return [open, setOpen] as const;
}

/** The fold of a top-level section, for its legend's button. */
type SectionFold = { shown: boolean; flagged: boolean; bodyId: string; toggle: () => void };
const SectionFoldContext = createContext<SectionFold | undefined>(undefined);

/**
 * A top-level section (a fieldset of the form's root): its legend folds it, and it is open by itself while it
 * holds an error or a warning (formContext.flagged), as the rows are (RowGroup).
 */
function FoldableSection(props: { id: string; top: boolean; registry: ObjectFieldTemplateProps['registry']; legend: ReactNode; children: ReactNode }) {
  const { id, top, registry, legend, children } = props;
  const [open, setOpen] = useFold(id, () => true);
  const flagged = (registry.formContext as FormContext | undefined)?.flagged.has(id) ?? false;
  if (!top) return <>{legend}{children}</>;
  const shown = open || flagged;
  const bodyId = `${id}__section`;
  return (
    <>
      <SectionFoldContext.Provider value={{ shown, flagged, bodyId, toggle: () => setOpen(!shown) }}>{legend}</SectionFoldContext.Provider>
      <div id={bodyId} hidden={!shown}>
        {children}
      </div>
    </>
  );
}

function TitleFieldTemplate({ id, title, required, optionalDataControl }: TitleFieldProps) {
  const fold = useContext(SectionFoldContext);
  const text = (
    <span className="legend-text">
      {title}
      {required && <span className="required" aria-hidden="true"> *</span>}
    </span>
  );
  return (
    <legend id={id} className="legend">
      {fold ? (
        <button type="button" className="legend-toggle" id={`${id}__fold`} aria-expanded={fold.shown} aria-controls={fold.bodyId}
          onClick={fold.toggle} disabled={fold.flagged && fold.shown}>
          <span className="chev" aria-hidden="true">{fold.shown ? '▾' : '▸'}</span>
          {text}
        </button>
      ) : (
        text
      )}
      {optionalDataControl && <span className="legend-control">{optionalDataControl}</span>}
    </legend>
  );
}

function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { title, description, properties, fieldPathId, required, optionalDataControl, schema, uiSchema, registry, readonly, disabled } = props;
  const isPureUnion = (schema.oneOf || schema.anyOf) && !schema.properties && properties.length === 0;
  if (isPureUnion) return null;
  const index = rowIndex(fieldPathId);
  const isBranch = (uiSchema?.['ui:options'] as { branch?: boolean } | undefined)?.branch === true || ADDITIONAL_PROPERTY_FLAG in schema;
  const Title = registry.templates.TitleFieldTemplate;
  const visible = properties.filter((p) => !p.hidden);
  const isRecord = !!schema.additionalProperties && typeof schema.additionalProperties === 'object';
  const content = isRecord ? (
    <RecordSize.Provider value={visible.length}>
      {visible.length ? visible.map((p) => p.content) : <p className="empty">Chưa có mục nào.</p>}
    </RecordSize.Provider>
  ) : (
    visible.map((p) => p.content)
  );
  const expand = canExpand(schema, uiSchema, props.formData) ? (
    <button type="button" className="btn btn-add" id={`${fieldPathId.$id}__add`} onClick={props.onAddProperty} disabled={disabled || readonly}>
      <span aria-hidden="true">+ </span>Thêm mục<span className="sr-only"> vào {title}</span>
    </button>
  ) : null;
  const hiddenContent = properties.filter((p) => p.hidden).map((p) => p.content);
  const control = !readonly && !disabled ? optionalDataControl : undefined;
  // A row of a list, or a branch of a choice: the row's header (ArrayFieldItemTemplate) already names it.
  if (index !== undefined || isBranch || fieldPathId.path.length === 0) {
    return (
      <div className="object-body" id={fieldPathId.$id}>
        {fieldPathId.path.length === 0 ? null : description && index === undefined && !isBranch ? (
          <p className="field-description" id={descriptionId(fieldPathId)}>
            {description}
          </p>
        ) : null}
        {content}
        {expand}
        {hiddenContent.length ? <div hidden>{hiddenContent}</div> : null}
      </div>
    );
  }
  const hasData = optionalDataControl === undefined || props.formData !== undefined;
  return (
    <fieldset className={`object depth-${Math.min(fieldPathId.path.length, 4)}`} id={fieldPathId.$id}
      aria-describedby={description ? descriptionId(fieldPathId) : undefined}>
      <FoldableSection
        id={fieldPathId.$id}
        top={!!title && hasData && fieldPathId.path.length === 1}
        registry={registry}
        legend={
          title && (
            <Title
              id={titleId(fieldPathId)}
              title={title}
              required={required}
              schema={schema}
              uiSchema={uiSchema}
              registry={registry}
              optionalDataControl={control}
            />
          )
        }
      >
        {description && (
          <p className="field-description" id={descriptionId(fieldPathId)}>
            {description}
          </p>
        )}
        {!title && control}
        {hasData ? content : null}
        {hasData ? expand : null}
      </FoldableSection>
      {hiddenContent.length ? <div hidden>{hiddenContent}</div> : null}
    </fieldset>
  );
}

function itemNoun(schema: RJSFSchema): string {
  const items = schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items) ? (schema.items as RJSFSchema) : undefined;
  const noun = rowNoun(items, typeof schema.title === 'string' ? schema.title : undefined);
  return noun === noun.toUpperCase() ? noun : noun.charAt(0).toLowerCase() + noun.slice(1);
}

function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { canAdd, items, onAddClick, title, schema, fieldPathId, required, readonly, disabled, optionalDataControl, registry, uiSchema, formData } = props;
  const Title = registry.templates.TitleFieldTemplate;
  const noun = itemNoun(schema);
  const count = Array.isArray(formData) ? formData.length : 0;
  const control = !readonly && !disabled ? optionalDataControl : undefined;
  const absent = optionalDataControl !== undefined && (formData === undefined || count === 0);
  const onAdd = () => {
    const row = paragraphRow(schema.items);
    const splice = spliceOf(registry.formContext);
    if (row && splice) splice([...fieldPathId.path, count], [row]);
    else onAddClick();
    announce(`Đã thêm ${noun} ${count + 1} vào ${title ?? 'danh sách'}`);
    // Focus the first field of the new row once it is drawn.
    requestAnimationFrame(() => {
      const row = document.getElementById(`${fieldPathId.$id}_${count}`) ?? document.querySelector(`[id^="${fieldPathId.$id}_${count}"]`);
      const target = row?.matches('input,textarea,select') ? row : row?.querySelector<HTMLElement>('input:not([type=hidden]),textarea,select');
      (target as HTMLElement | null | undefined)?.focus();
    });
  };
  return (
    <fieldset className={`array depth-${Math.min(fieldPathId.path.length, 4)}`} id={fieldPathId.$id}
      aria-describedby={schema.description ? descriptionId(fieldPathId) : undefined}>
      <FoldableSection
        id={fieldPathId.$id}
        top={!absent && fieldPathId.path.length === 1}
        registry={registry}
        legend={
          <Title
            id={titleId(fieldPathId)}
            title={`${title ?? ''}${absent ? '' : ` (${count})`}`}
            required={required}
            schema={schema}
            uiSchema={uiSchema}
            registry={registry}
            optionalDataControl={control}
          />
        }
      >
        {schema.description && (
          <p className="field-description" id={descriptionId(fieldPathId)}>
            {schema.description}
          </p>
        )}
        {!absent && (
          <>
            {items.length ? (
              <ListTitle.Provider value={title}>
                <ol className="rows">{items}</ol>
              </ListTitle.Provider>
            ) : (
              <p className="empty">Chưa có {noun} nào.</p>
            )}
            {canAdd && (
              <button type="button" className="btn btn-add" id={`${fieldPathId.$id}__add`} onClick={onAdd} disabled={disabled || readonly}>
                <span aria-hidden="true">+ </span>Thêm {noun}
                <span className="sr-only"> vào {title}</span>
              </button>
            )}
          </>
        )}
      </FoldableSection>
    </fieldset>
  );
}

function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, hasToolbar, index, totalItems, schema, registry } = props;
  const b = buttonsProps;
  const parentId = b.fieldPathId.$id.replace(/_\d+$/, '');
  const isUnion = !!schema.oneOf || !!schema.anyOf;
  const isLeaf =
    schema.type !== 'object' &&
    schema.type !== 'array' &&
    (!isUnion || isSimple((children as ReactElement<{ formData?: unknown }> | undefined)?.props.formData));
  const listTitle = useContext(ListTitle);
  const name = `${rowNoun(schema, listTitle)} ${index + 1}`;
  const headId = `${b.fieldPathId.$id}__row`;
  const focusLater = (id: string) =>
    requestAnimationFrame(() => {
      const el = document.getElementById(id);
      if (el instanceof HTMLButtonElement && !el.disabled) return el.focus();
      // The row moved to an end or was the last: its neighbour's first control, else the list's add button.
      const row = Math.min(index, totalItems - 2);
      const next = row >= 0 ? document.querySelector<HTMLElement>(`[id^="${parentId}_${row}"]:is(button,input,textarea,select)`) : null;
      (next ?? document.getElementById(`${parentId}__add`))?.focus();
    });
  const tools = hasToolbar ? (
    <div className="row-tools" role="group" aria-label={`Thao tác với ${name}`}>
      {(b.hasMoveUp || b.hasMoveDown) && (
        <button type="button" className="btn btn-icon" id={`${parentId}_${index}__up`} disabled={!b.hasMoveUp || b.disabled || b.readonly}
          onClick={(e) => {
            b.onMoveUpItem(e);
            announce(`Đã chuyển ${name} lên vị trí ${index}`);
            focusLater(`${parentId}_${index - 1}__up`);
          }}>
          <span aria-hidden="true">↑</span>
          <span className="sr-only">Chuyển {name} lên</span>
        </button>
      )}
      {(b.hasMoveUp || b.hasMoveDown) && (
        <button type="button" className="btn btn-icon" id={`${parentId}_${index}__down`} disabled={!b.hasMoveDown || b.disabled || b.readonly}
          onClick={(e) => {
            b.onMoveDownItem(e);
            announce(`Đã chuyển ${name} xuống vị trí ${index + 2}`);
            focusLater(`${parentId}_${index + 1}__down`);
          }}>
          <span aria-hidden="true">↓</span>
          <span className="sr-only">Chuyển {name} xuống</span>
        </button>
      )}
      {b.canAdd && (
        <button type="button" className="btn btn-icon" id={`${parentId}_${index}__insert`} disabled={b.disabled || b.readonly}
          onClick={(e) => {
            const row = paragraphRow(schema);
            const splice = spliceOf(registry.formContext);
            const current = (children as ReactElement<{ formData?: unknown }> | undefined)?.props.formData;
            if (row && splice && current !== undefined) splice([...b.fieldPathId.path], [current, row]);
            else b.onAddItem(e);
            announce(`Đã chèn một mục mới sau ${name}`);
            focusLater(`${parentId}_${index + 1}__insert`);
          }}>
          <span aria-hidden="true">+</span>
          <span className="sr-only">Chèn mục mới sau {name}</span>
        </button>
      )}
      {b.hasRemove && (
        <button type="button" className="btn btn-icon btn-danger" id={`${parentId}_${index}__remove`} disabled={b.disabled || b.readonly}
          onClick={(e) => {
            b.onRemoveItem(e);
            announce(`Đã xóa ${name}`);
            focusLater(`${parentId}_${index}__remove`);
          }}>
          <span aria-hidden="true">✕</span>
          <span className="sr-only">Xóa {name}</span>
        </button>
      )}
    </div>
  ) : null;
  if (isLeaf) {
    return (
      <li className="row row-leaf">
        <div className="row-main">{children}</div>
        {tools}
      </li>
    );
  }
  return (
    <RowGroup name={name} headId={headId} rowId={b.fieldPathId.$id} totalItems={totalItems} tools={tools} registry={props.registry} schema={schema}>
      {children as ReactElement}
    </RowGroup>
  );
}

/** The schema of one property of an object (in whichever branch of a oneOf/anyOf declares it). */
function propertySchema(schema: RJSFSchema | undefined, key: string): RJSFSchema | undefined {
  if (!schema) return undefined;
  const own = (schema.properties as Record<string, RJSFSchema> | undefined)?.[key];
  if (own) return own;
  const options = (schema.oneOf ?? schema.anyOf) as RJSFSchema[] | undefined;
  return options?.map((o) => propertySchema(o, key)).find(Boolean);
}

/** The first words of a row, shown when it is folded ("Điều 2 · Giao Giám đốc Sở Nội vụ chủ trì..."); codes by their names. */
function gist(data: unknown, depth = 0, schema?: RJSFSchema): string {
  const named = codeName(schema, data);
  if (named) return named;
  if (depth === 0 && (typeof data === 'number' || typeof data === 'string')) return String(data);
  if (typeof data === 'string') return /[\p{L}]{2,}/u.test(data) && !/^[a-z-]+$/.test(data) ? data : '';
  if (depth > 4 || !data || typeof data !== 'object') return '';
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    const g = gist(v, depth + 1, Array.isArray(data) ? (schema?.items as RJSFSchema | undefined) : propertySchema(schema, k));
    if (g) return g;
  }
  return '';
}

const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n).replace(/\s+\S*$/, '')}…` : s);

/** The title of the branch of a oneOf/anyOf a row holds ("Đoạn văn", "Bảng"), by its fixed "type". */
function branchName(schema: RJSFSchema, data: unknown): string {
  const options = (schema.oneOf ?? schema.anyOf) as RJSFSchema[] | undefined;
  if (!options || !data || typeof data !== 'object') return '';
  const v = data as Record<string, unknown>;
  const hit = options.find((o) =>
    Object.entries((o.properties ?? {}) as Record<string, RJSFSchema>).some(([k, p]) => p.const !== undefined && v[k] === p.const),
  );
  return typeof hit?.title === 'string' ? hit.title : '';
}

/** A row that is a group of fields: foldable (long lists start folded), open by itself when it holds a problem. */
function RowGroup(props: {
  name: string;
  headId: string;
  rowId: string;
  totalItems: number;
  tools: ReactElement | null;
  registry: ArrayFieldItemTemplateProps['registry'];
  schema: RJSFSchema;
  children: ReactElement;
}) {
  const { name, headId, rowId, totalItems, tools, registry, children, schema } = props;
  // Long lists start folded; a row the person is working in (its choice just turned it into a group) starts open.
  const [open, setOpen] = useFold(rowId, () => totalItems <= 4 || (document.activeElement?.id.startsWith(`${rowId}_`) ?? false));
  const flagged = (registry.formContext as FormContext | undefined)?.flagged.has(rowId) ?? false;
  const shown = open || flagged;
  const bodyId = `${rowId}__body`;
  const data = (children.props as { formData?: unknown }).formData;
  const kind = branchName(schema, data);
  const text = shown ? '' : clip([kind, gist(data, 0, schema)].filter(Boolean).join(': '));
  return (
    <li className={`row row-group${shown ? '' : ' folded'}`}>
      <section aria-labelledby={headId}>
        <div className="row-head">
          <button type="button" className="row-toggle" id={`${rowId}__toggle`} aria-expanded={shown} aria-controls={bodyId} onClick={() => setOpen(!shown)}
            disabled={flagged && shown}>
            <span className="chev" aria-hidden="true">{shown ? '▾' : '▸'}</span>
            <span className="row-title" id={headId}>
              {name}
            </span>
            {!shown && text && <span className="row-gist">{text}</span>}
          </button>
          {tools}
        </div>
        <div id={bodyId} hidden={!shown}>
          {children}
        </div>
      </section>
    </li>
  );
}

function MultiSchemaFieldTemplate({ selector, optionSchemaField }: MultiSchemaFieldTemplateProps) {
  return (
    <div className="union">
      {selector && <div className="union-pick">{selector}</div>}
      {optionSchemaField}
    </div>
  );
}

function OptionalDataControlsTemplate({ id, label, onAddClick, onRemoveClick, schema }: OptionalDataControlsTemplateProps) {
  const what = typeof schema.title === 'string' ? schema.title : '';
  if (onAddClick)
    return (
      <button type="button" id={id} className="btn btn-small" onClick={onAddClick}>
        <span aria-hidden="true">+ </span>Thêm<span className="sr-only"> {what}</span>
      </button>
    );
  if (onRemoveClick)
    return (
      <button type="button" id={id} className="btn btn-small btn-quiet" onClick={onRemoveClick}>
        Bỏ<span className="sr-only"> {what}</span>
      </button>
    );
  return (
    <em id={id} className="optional-empty">
      {label}
    </em>
  );
}

// ---- widgets -------------------------------------------------------------------------------------------------

function inputCommon(props: WidgetProps) {
  const { id, required, disabled, readonly, autofocus, rawErrors, hideError, htmlName, schema } = props;
  return {
    id,
    name: htmlName || id,
    required,
    disabled,
    readOnly: readonly,
    autoFocus: autofocus,
    'aria-required': required || undefined,
    'aria-invalid': !hideError && rawErrors && rawErrors.length > 0 ? true : undefined,
    'aria-describedby': ariaDescribedByIds(id, !!schema.examples),
  } as const;
}

function TextWidget(props: WidgetProps) {
  const { schema, value, onChange, onBlur, onFocus, options, placeholder, id, label, hideLabel } = props;
  const numeric = schema.type === 'number' || schema.type === 'integer';
  const step = schema.type === 'integer' ? 1 : 'any';
  const isLong = typeof schema.maxLength === 'number' && schema.maxLength > 300;
  if (isLong) return <TextareaWidget {...props} />;
  return (
    <input
      {...inputCommon(props)}
      className="input"
      type={numeric ? 'number' : 'text'}
      inputMode={schema.type === 'integer' ? 'numeric' : numeric ? 'decimal' : undefined}
      step={numeric ? step : undefined}
      min={typeof schema.minimum === 'number' ? schema.minimum : undefined}
      max={typeof schema.maximum === 'number' ? schema.maximum : undefined}
      maxLength={typeof schema.maxLength === 'number' ? schema.maxLength : undefined}
      placeholder={placeholder}
      aria-label={hideLabel && !options.branch ? label : undefined}
      value={value === undefined || value === null ? '' : String(value)}
      onChange={(e: ChangeEvent<HTMLInputElement>) => {
        const v = e.target.value;
        if (v === '') return onChange(options.emptyValue);
        if (numeric) {
          const n = Number(v);
          return onChange(Number.isFinite(n) ? n : v);
        }
        onChange(v);
      }}
      onBlur={(e: FocusEvent<HTMLInputElement>) => onBlur(id, e.target.value)}
      onFocus={(e: FocusEvent<HTMLInputElement>) => onFocus(id, e.target.value)}
    />
  );
}

/** A textarea as tall as its text (up to 480px, then it scrolls); not while it is not shown (it has no width). */
function fitText(el: HTMLTextAreaElement): void {
  if (el.clientWidth === 0) return;
  el.style.height = 'auto';
  el.style.height = `${Math.min(el.scrollHeight + 2, 480)}px`;
}

/** A textarea that grows with its text (the schemas' long fields: articles, paragraphs, căn cứ). */
function TextareaWidget(props: WidgetProps) {
  const { value, onChange, onBlur, onFocus, options, placeholder, id, schema, label, hideLabel } = props;
  const ref = useRef<HTMLTextAreaElement>(null);
  const text = value === undefined || value === null ? '' : String(value);
  useEffect(() => {
    if (ref.current) fitText(ref.current);
  }, [text]);
  // A box drawn inside a folded row or section has no width yet: it fits its text when it is shown (its width
  // changes), and again when the page's width changes the wrapping.
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let width = el.clientWidth;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth !== width) {
        width = el.clientWidth;
        fitText(el);
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <textarea
      {...inputCommon(props)}
      ref={ref}
      className="input textarea"
      rows={typeof options.rows === 'number' ? options.rows : 2}
      maxLength={typeof schema.maxLength === 'number' ? schema.maxLength : undefined}
      placeholder={placeholder}
      aria-label={hideLabel && !options.branch ? label : undefined}
      value={text}
      onChange={(e) => onChange(e.target.value === '' ? options.emptyValue : e.target.value)}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    />
  );
}

function SelectWidget(props: WidgetProps) {
  const { id, options, value, onChange, onBlur, onFocus, placeholder, label, hideLabel, required, schema } = props;
  const { enumOptions = [], emptyValue } = options;
  const isPicker = /__(one|any)of_select$/.test(id);
  const selected = enumOptionsIndexForValue(value, enumOptions, false);
  const index = selected === undefined || Array.isArray(selected) ? '' : String(selected);
  const toValue = (v: string) => (v === '' ? emptyValue : enumOptionsValueForIndex(v, enumOptions, emptyValue));
  const base = id.replace(/__(one|any)of_select$/, '');
  const select = (
    <select
      {...inputCommon(props)}
      className="input select"
      aria-label={!isPicker && hideLabel && !options.branch ? label : undefined}
      aria-labelledby={isPicker ? `${id}__kind ${base}__label` : undefined}
      value={index}
      onChange={(e) => onChange(toValue(e.target.value))}
      onBlur={(e) => onBlur(id, toValue(e.target.value))}
      onFocus={(e) => onFocus(id, toValue(e.target.value))}
    >
      {(!required || schema.default === undefined) && !isPicker && <option value="">{placeholder || '(chưa chọn)'}</option>}
      {enumOptions.map((o, i) => (
        <option key={i} value={String(i)} disabled={Array.isArray(options.enumDisabled) && options.enumDisabled.includes(o.value)}>
          {o.label}
        </option>
      ))}
    </select>
  );
  if (!isPicker) return select;
  // The choice of a branch: "Dạng:" and the name of the field it is for.
  return (
    <>
      <span className="union-pick-label" id={`${id}__kind`}>
        Dạng:
      </span>
      {select}
    </>
  );
}

function CheckboxWidget(props: WidgetProps) {
  const { id, value, onChange, onBlur, onFocus, label, required, schema, uiSchema } = props;
  // The form's wording of the description when it has one (schemaUi.ts: "Khi chọn:" for the API's "true:").
  const description = typeof uiSchema?.['ui:description'] === 'string' ? uiSchema['ui:description'] : schema.description;
  // A field left out shows what the service does then: ticked when it is on by default (the schema's default: true;
  // it showed empty while the document was numbered, its appendix title upper-cased, ...).
  const checked = value === undefined || value === null ? schema.default === true : value === true;
  return (
    <div className="checkbox">
      <input
        {...inputCommon(props)}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        onBlur={(e) => onBlur(id, e.target.checked)}
        onFocus={(e) => onFocus(id, e.target.checked)}
      />
      <label htmlFor={id}>
        {label || (typeof schema.title === 'string' ? schema.title : '')}
        {required && <span className="required" aria-hidden="true"> *</span>}
      </label>
      {description && (
        <p className="field-description" id={descriptionId(id)}>
          {description}
        </p>
      )}
    </div>
  );
}

/**
 * A coded field with its known codes and names (the schema's "x-choices": the name shown, the code sent, an
 * unknown code kept), or a field the service suggests values for (ui:options.suggest: the key of
 * formContext.suggestions). Combobox.tsx draws it.
 */
function ComboWidget(props: WidgetProps) {
  const { id, value, onChange, onBlur, onFocus, options, schema, label, hideLabel, placeholder, registry } = props;
  const known = schema['x-choices'] as { const: string; title: string }[] | undefined;
  const kind = typeof options.suggest === 'string' ? options.suggest : undefined;
  const suggested = kind ? (registry.formContext as FormContext | undefined)?.suggestions?.[kind] : undefined;
  const choices = useMemo<Choice[]>(
    () => (known ? known.map((c) => ({ value: c.const, label: c.title })) : (suggested ?? []).map((v) => ({ value: v, label: v }))),
    [known, suggested],
  );
  const { id: _id, ...common } = inputCommon(props);
  return (
    <Combobox
      id={id}
      value={value === undefined || value === null ? '' : String(value)}
      choices={choices}
      listName={`${known ? 'Các lựa chọn' : 'Gợi ý'}: ${label}`}
      onChange={(v) => onChange(v ?? options.emptyValue)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
      inputProps={{
        ...common,
        'aria-label': hideLabel && !options.branch ? label : undefined,
        maxLength: typeof schema.maxLength === 'number' ? schema.maxLength : undefined,
        placeholder,
      }}
    />
  );
}

/** The fixed value of a branch (a content block's "type"): not shown, but always set to the branch's const. */
function HiddenWidget({ id, value, onChange, schema, htmlName }: WidgetProps) {
  const fixed = schema.const;
  useEffect(() => {
    if (fixed !== undefined && value !== fixed) onChange(fixed);
  }, [fixed, value, onChange]);
  return <input type="hidden" id={id} name={htmlName || id} value={value === undefined || value === null ? '' : String(value)} />;
}

export const widgets: RegistryWidgetsType = {
  HiddenWidget,
  TextWidget,
  TextareaWidget,
  SelectWidget,
  CheckboxWidget,
  // Dates are text in the API (a draft may leave out the day or the month); the schema marks them "x-date".
  DateWidget,
  ComboWidget,
  UpDownWidget: TextWidget,
};

export const templates: Partial<TemplatesType> = {
  FieldTemplate,
  FieldErrorTemplate,
  FieldHelpTemplate,
  DescriptionFieldTemplate,
  TitleFieldTemplate,
  ObjectFieldTemplate,
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  MultiSchemaFieldTemplate,
  OptionalDataControlsTemplate,
};
