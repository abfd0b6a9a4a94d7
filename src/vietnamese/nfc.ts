/**
 * Unicode normalisation helpers. Vietnamese text arrives in both precomposed (NFC) and
 * decomposed (NFD, common from macOS and some Word versions) forms; everything the service
 * compares, stores or renders is NFC.
 */

/** The NFC form of `s`. */
export function nfc(s: string): string {
  return s.normalize('NFC');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A deep copy of a JSON-like value with every string, object keys included, in NFC.
 * Arrays and plain objects are recursed into; every other value (numbers, booleans, null,
 * undefined, bigint, Date, Buffer, class instances, ...) is kept as it is.
 * When two keys of one object become equal after normalisation, the later one wins.
 */
export function normalizeDeep<T>(value: T): T {
  return deep(value) as T;
}

function deep(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(deep);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
    for (const [key, v] of Object.entries(value)) {
      // defineProperty so that a "__proto__" key stays an own data property.
      Object.defineProperty(out, key.normalize('NFC'), {
        value: deep(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}
