/**
 * A date as staff write it, dd/mm/yyyy, for the fields the schema marks "x-date" ("full", or "partial" where a
 * draft may leave out the day, or the day and month: mm/yyyy, yyyy). The API takes ISO text (2024-12-20, 2024-12,
 * 2024): the box converts on the way in and out. What cannot be read as a date is sent as typed and stays in the
 * box as typed, so the server's own message (date_format, date_incomplete, date_nonexistent: src/nd30/dates.ts)
 * shows beside it; a day that does not exist (30/02/2024) is converted and the server names the month's days.
 * The calendar is the browser's own date picker, opened by a labelled button next to the box.
 */
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { isoOfTyped, shownOfIso } from './dateText.js';
import './form-widgets.css';

export function DateWidget(props: WidgetProps) {
  const { id, value, onChange, onBlur, onFocus, options, required, disabled, readonly, autofocus, rawErrors, hideError, htmlName, label, hideLabel } = props;
  const partial = options.dateParts === 'partial';
  const current = typeof value === 'string' ? value : '';
  const [typed, setTyped] = useState(() => shownOfIso(current));
  // What this box last sent: a value from elsewhere (a starting point, a profile) replaces what is shown.
  const sent = useRef(current);
  useEffect(() => {
    if (current !== sent.current) {
      sent.current = current;
      setTyped(shownOfIso(current));
    }
  }, [current]);
  const picker = useRef<HTMLInputElement>(null);
  const set = (text: string) => {
    setTyped(text);
    const iso = text.trim() === '' ? undefined : isoOfTyped(text);
    sent.current = iso ?? '';
    onChange(iso ?? options.emptyValue);
  };
  const full = /^\d{4}-\d{2}-\d{2}$/.test(current) ? current : '';
  return (
    <div className="date-box">
      <input
        id={id}
        name={htmlName || id}
        className="input date-text"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        required={required}
        disabled={disabled}
        readOnly={readonly}
        autoFocus={autofocus}
        aria-required={required || undefined}
        aria-invalid={!hideError && rawErrors && rawErrors.length > 0 ? true : undefined}
        aria-describedby={ariaDescribedByIds(id)}
        aria-label={hideLabel ? label : undefined}
        placeholder={partial ? 'dd/mm/yyyy, mm/yyyy, yyyy' : 'dd/mm/yyyy'}
        value={typed}
        onChange={(e: ChangeEvent<HTMLInputElement>) => set(e.target.value)}
        onBlur={() => onBlur(id, current)}
        onFocus={() => onFocus(id, current)}
      />
      <span className="date-pick">
        <button
          type="button"
          className="btn btn-icon"
          id={`${id}__calendar`}
          disabled={disabled || readonly}
          onClick={() => {
            const el = picker.current;
            if (!el) return;
            try {
              el.showPicker();
            } catch {
              el.focus();
            }
          }}
        >
          <svg className="date-icon" aria-hidden="true" viewBox="0 0 16 16" width="18" height="18">
            <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
            <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" strokeWidth="1.4" />
            <path d="M4 9h2v2H4zM7 9h2v2H7zM10 9h2v2h-2z" fill="currentColor" />
          </svg>
          <span className="sr-only">Chọn {label ? `${label.toLowerCase()} ` : 'ngày '}trên lịch</span>
        </button>
        {/* The browser's calendar, opened by the button: the text box is where the date is read and typed. */}
        <input
          ref={picker}
          type="date"
          className="date-native"
          id={`${id}__native`}
          tabIndex={-1}
          aria-hidden="true"
          aria-label={`Lịch: ${label || 'ngày'}`}
          value={full}
          onChange={(e) => {
            if (e.target.value) set(shownOfIso(e.target.value));
          }}
        />
      </span>
    </div>
  );
}
