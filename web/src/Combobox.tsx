/**
 * A text box with a list of choices under it (ARIA 1.2 combobox: the input owns a listbox, arrows move through
 * it, Enter takes a choice, Escape closes it). Used for the coded fields that carry their known codes with names
 * ("x-choices": the box shows the name, the value sent is the code, an unknown code stays as typed) and for the
 * fields the service suggests values for (agency names, Nơi nhận lines: the value is the text itself).
 */
import { useEffect, useId, useMemo, useRef, useState, type InputHTMLAttributes } from 'react';
import './form-widgets.css';

export type Choice = { value: string; label: string };

/** Text compared without case or diacritics ("cai cach" finds "Cải cách"). */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

const labelOf = (value: string, choices: Choice[]) => choices.find((c) => c.value === value)?.label ?? value;

/** What a typed text means: the choice it names (by name or code), else the text itself. */
function valueOf(text: string, choices: Choice[]): string {
  const t = fold(text.trim());
  return choices.find((c) => fold(c.label) === t || fold(c.value) === t)?.value ?? text;
}

export function Combobox(props: {
  id: string;
  value: string;
  choices: Choice[];
  onChange: (value: string | undefined) => void;
  onBlur?: () => void;
  onFocus?: () => void;
  /** What the list is, for its label ("Các lĩnh vực", "Gợi ý"). */
  listName: string;
  inputProps?: InputHTMLAttributes<HTMLInputElement>;
}) {
  const { id, value, choices, onChange, listName, inputProps } = props;
  const [typed, setTyped] = useState(() => labelOf(value, choices));
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const sent = useRef(value);
  const listId = `${id}__choices`;
  const uid = useId();
  // A value set from elsewhere (a starting point, the profile) redraws the box.
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setTyped(labelOf(value, choices));
    }
  }, [value, choices]);
  const shown = useMemo(() => {
    const t = fold(typed.trim());
    // The box showing a choice's own name lists them all (to pick another); else those that hold what is typed.
    if (!t || choices.some((c) => fold(c.label) === t)) return choices.slice(0, 50);
    return choices.filter((c) => fold(c.label).includes(t) || fold(c.value).includes(t)).slice(0, 50);
  }, [typed, choices]);
  const expanded = open && shown.length > 0;
  const take = (c: Choice) => {
    setTyped(c.label);
    sent.current = c.value;
    onChange(c.value);
    setOpen(false);
    setActive(-1);
  };
  return (
    <div className="combo">
      <input
        {...inputProps}
        id={id}
        className="input combo-input"
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${uid}-${active}` : undefined}
        value={typed}
        onChange={(e) => {
          const text = e.target.value;
          setTyped(text);
          setOpen(true);
          setActive(-1);
          const v = text.trim() === '' ? undefined : valueOf(text, choices);
          sent.current = v ?? '';
          onChange(v);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (!expanded) {
              setOpen(true);
              setActive(e.key === 'ArrowDown' ? 0 : shown.length - 1);
              return;
            }
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((a) => (a + step + shown.length) % shown.length);
          } else if (e.key === 'Enter' && expanded && active >= 0 && shown[active]) {
            e.preventDefault();
            take(shown[active]);
          } else if (e.key === 'Escape' && expanded) {
            e.preventDefault();
            setOpen(false);
            setActive(-1);
          }
        }}
        onBlur={() => {
          setOpen(false);
          props.onBlur?.();
        }}
        onFocus={() => props.onFocus?.()}
      />
      <button
        type="button"
        className="combo-toggle"
        tabIndex={-1}
        aria-hidden="true"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => {
          document.getElementById(id)?.focus();
          setOpen(!expanded);
        }}
      >
        ▾
      </button>
      <ul id={listId} role="listbox" aria-label={listName} className="combo-list" hidden={!expanded}>
        {shown.map((c, i) => (
          <li
            key={c.value}
            id={`${uid}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => take(c)}
          >
            {c.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
