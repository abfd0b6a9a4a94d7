import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { overloadPages } from '../../src/render/pdf/pool.js';

/** The pages the pool prints on under overload with this configuration. */
const pages = (env: Record<string, string>) => {
  const c = loadConfig(env);
  return overloadPages(c.poolSize, c.overloadSize);
};

describe('configuration', () => {
  it('prints one page fewer at once under overload, at least one, unless told otherwise', () => {
    expect(pages({ PDF_POOL_SIZE: '4' })).toBe(3);
    expect(pages({ PDF_POOL_SIZE: '2' })).toBe(1);
    expect(pages({ PDF_POOL_SIZE: '1' })).toBe(1);
    expect(pages({ PDF_POOL_SIZE: '4', PDF_OVERLOAD_PAGES: '4' })).toBe(4);
    // Never more than the pool has.
    expect(pages({ PDF_POOL_SIZE: '2', PDF_OVERLOAD_PAGES: '8' })).toBe(2);
  });

  it('refuses a knob out of range, naming it', () => {
    expect(() => loadConfig({ PDF_OVERLOAD_PAGES: '0' })).toThrow(/PDF_OVERLOAD_PAGES/);
    expect(() => loadConfig({ PDF_QUEUE_SIZE: '-1' })).toThrow(/PDF_QUEUE_SIZE/);
  });
});
