import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('prints one page fewer at once under overload, at least one, unless told otherwise', () => {
    expect(loadConfig({ PDF_POOL_SIZE: '4' }).overloadSize).toBe(3);
    expect(loadConfig({ PDF_POOL_SIZE: '2' }).overloadSize).toBe(1);
    expect(loadConfig({ PDF_POOL_SIZE: '1' }).overloadSize).toBe(1);
    expect(loadConfig({ PDF_POOL_SIZE: '4', PDF_OVERLOAD_PAGES: '4' }).overloadSize).toBe(4);
    // Never more than the pool has.
    expect(loadConfig({ PDF_POOL_SIZE: '2', PDF_OVERLOAD_PAGES: '8' }).overloadSize).toBe(2);
  });

  it('refuses a knob out of range, naming it', () => {
    expect(() => loadConfig({ PDF_OVERLOAD_PAGES: '0' })).toThrow(/PDF_OVERLOAD_PAGES/);
    expect(() => loadConfig({ PDF_QUEUE_SIZE: '-1' })).toThrow(/PDF_QUEUE_SIZE/);
  });
});
