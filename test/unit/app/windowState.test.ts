// Window state per case: saved bounds restored, kept on a visible display, garbage in windows.json ignored.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boundsFor, DEFAULT_SIZE, emptyState, ensureVisible, loadState, MIN_SIZE, parseState, remember, saveState, type DisplayLike, type Rect } from '../../../src-main/app/windowState';

const laptop: DisplayLike = { workArea: { x: 0, y: 25, width: 1920, height: 1055 } };
const rightMonitor: DisplayLike = { workArea: { x: 1920, y: 0, width: 2560, height: 1440 } };
const ID = 'a'.repeat(32);

describe('window state', () => {
  it('a case without saved bounds opens at the default size, centred on the primary display', () => {
    expect(boundsFor(emptyState(), ID, [laptop])).toEqual({ x: 240, y: 103, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height, maximized: false });
  });

  it('restores the bounds saved for that case only', () => {
    const s = remember(emptyState(), ID, { x: 2000, y: 100, width: 1600, height: 1000 }, true);
    expect(boundsFor(s, ID, [laptop, rightMonitor])).toEqual({ x: 2000, y: 100, width: 1600, height: 1000, maximized: true });
    expect(boundsFor(s, 'b'.repeat(32), [laptop, rightMonitor]).width).toBe(DEFAULT_SIZE.width);
  });

  it('a window left on a monitor that is gone comes back centred on the primary display', () => {
    const s = remember(emptyState(), ID, { x: 2500, y: 200, width: 1600, height: 1000 }, false);
    expect(boundsFor(s, ID, [laptop])).toEqual({ x: 160, y: 53, width: 1600, height: 1000, maximized: false });
  });

  it('a window hanging off an edge is pulled in and shrunk to the display', () => {
    expect(ensureVisible({ x: -300, y: -50, width: 3000, height: 2000 }, [laptop])).toEqual({ x: 0, y: 25, width: 1920, height: 1055 });
    expect(ensureVisible({ x: 1800, y: 900, width: 1000, height: 700 }, [laptop])).toEqual({ x: 920, y: 380, width: 1000, height: 700 });
  });

  it('whatever the saved bounds and displays, the result is inside a display and at least the minimum size that fits (property)', () => {
    const rect = fc.record({ x: fc.integer({ min: -20000, max: 20000 }), y: fc.integer({ min: -20000, max: 20000 }), width: fc.integer({ min: 1, max: 20000 }), height: fc.integer({ min: 1, max: 20000 }) });
    const display = fc.record({ x: fc.integer({ min: -5000, max: 5000 }), y: fc.integer({ min: -5000, max: 5000 }), width: fc.integer({ min: 800, max: 8000 }), height: fc.integer({ min: 600, max: 5000 }) }).map((workArea): DisplayLike => ({ workArea }));
    fc.assert(
      fc.property(rect, fc.array(display, { minLength: 1, maxLength: 4 }), (b: Rect, displays) => {
        const r = ensureVisible(b, displays);
        const host = displays.find((d) => r.x >= d.workArea.x && r.y >= d.workArea.y && r.x + r.width <= d.workArea.x + d.workArea.width && r.y + r.height <= d.workArea.y + d.workArea.height);
        expect(host).toBeDefined();
        expect(r.width).toBe(Math.min(Math.max(MIN_SIZE.width, b.width), host!.workArea.width));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('keeps at most 50 cases, dropping the least recently saved', () => {
    let s = emptyState();
    for (let i = 0; i < 60; i++) s = remember(s, i.toString(16).padStart(32, '0'), { x: 0, y: 0, width: 1000, height: 700 }, false);
    const keys = Object.keys(s.windows);
    expect(keys).toHaveLength(50);
    expect(keys[0]).toBe((10).toString(16).padStart(32, '0'));
  });

  it('round-trips through windows.json and ignores malformed or hostile entries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-win-'));
    try {
      const file = join(dir, 'windows.json');
      const s = remember(emptyState(), ID, { x: 10, y: 20, width: 1000, height: 700 }, false);
      saveState(file, s);
      expect(loadState(file)).toEqual(s);
      writeFileSync(file, JSON.stringify({ windows: { [ID]: { x: 'NaN', y: 0, width: 1, height: 1, maximized: false }, __proto__: { x: 0 }, ['../x']: { x: 0, y: 0, width: 10, height: 10, maximized: false }, ['b'.repeat(32)]: { x: 1, y: 2, width: 1e9, height: 3, maximized: false } } }));
      expect(loadState(file)).toEqual(emptyState());
      expect(loadState(join(dir, 'missing.json'))).toEqual(emptyState());
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
          const parsed = parseState(text);
          for (const w of Object.values(parsed.windows)) expect(Number.isFinite(w.x + w.y + w.width + w.height)).toBe(true);
        }),
        { seed: 42, numRuns: 300 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
