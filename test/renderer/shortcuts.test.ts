// @vitest-environment jsdom
// The shared shortcut table, its key matching, the palette's fuzzy search and dialog, F3 match search and display prefs.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mount, type VueWrapper } from '@vue/test-utils';
import { SHORTCUTS, comboMatches, formatCombo, labelWithKeys, matchShortcut, parseCombo, type KeyLike, type Platform } from '../../src-main/contract/shortcuts';
import { fuzzyFilter, fuzzyScore } from '../../src-renderer/src/composables/fuzzy';
import { findMatch, type MatchSource } from '../../src-renderer/src/composables/gridMatch';
import { DEFAULT_PREFS, parsePrefs } from '../../src-renderer/src/stores/displayPrefs';
import { addShortcutHandlers, handleGlobalKey } from '../../src-renderer/src/composables/shortcuts';
import CommandPalette from '../../src-renderer/src/components/CommandPalette.vue';
import type { PaletteEntry } from '../../src-renderer/src/composables/appCommands';
import type { GridRow } from '../../src-main/contract/model';

/** The KeyboardEvent fields a real keyboard produces for a combo (US layout; Alt+digit gives another character on a Mac). */
function eventFor(combo: string, platform: Platform): KeyLike {
  const c = parseCombo(combo);
  const digit = /^[0-9]$/.test(c.key);
  const codes: Record<string, string> = { '[': 'BracketLeft', ']': 'BracketRight', '?': 'Slash', '/': 'Slash' };
  const shifted: Record<string, string> = { '[': '{', ']': '}' };
  return {
    key: digit && c.alt ? '¡' : c.shift && shifted[c.key] ? shifted[c.key]! : c.key.length === 1 && c.shift ? c.key.toUpperCase() : c.key.length === 1 ? c.key.toLowerCase() : c.key,
    code: digit ? `Digit${c.key}` : codes[c.key] ?? '',
    ctrlKey: c.ctrl || (c.mod && platform === 'other'),
    metaKey: c.mod && platform === 'mac',
    altKey: c.alt,
    shiftKey: c.shift || c.key === '?',
  };
}

describe('shortcut table', () => {
  it('every combo of every shortcut selects that shortcut, on both platforms', () => {
    for (const platform of ['mac', 'other'] as const) {
      for (const s of SHORTCUTS) {
        s.keys.forEach((k, index) => {
          expect(matchShortcut(eventFor(k, platform), [s.scope], platform), `${s.id} ${k} ${platform}`).toEqual({ id: s.id, index });
        });
      }
    }
  });

  it('no combo is bound twice', () => {
    const seen = new Map<string, string>();
    for (const s of SHORTCUTS) for (const k of s.keys) {
      expect(seen.get(k), `${k} bound to ${seen.get(k)} and ${s.id}`).toBeUndefined();
      seen.set(k, s.id);
    }
  });

  it('has the issue’s shortcuts with their keys', () => {
    const keys = (id: string) => SHORTCUTS.find((s) => s.id === id)?.keys;
    expect(keys('query.focus')).toEqual(['Mod+L', '/']);
    expect(keys('match.next')).toEqual(['F3']);
    expect(keys('match.prev')).toEqual(['Shift+F3']);
    expect([keys('value.filter'), keys('value.exclude'), keys('value.pivot'), keys('row.bookmark'), keys('row.details')]).toEqual([['F'], ['X'], ['P'], ['B'], ['Enter']]);
    expect(keys('cell.copy')).toEqual(['Mod+C']);
    expect(keys('row.copy')).toEqual(['Mod+Shift+C']);
    expect(keys('palette.open')).toEqual(['Mod+K']);
    expect(keys('sheet.open')).toEqual(['?']);
    expect(keys('panel.close')).toEqual(['Escape']);
    expect(keys('source.number')).toHaveLength(9);
  });

  it('modifiers must match exactly: F is not Ctrl+F, Ctrl+C is not Ctrl+Shift+C, Cmd is Mod only on a Mac', () => {
    const base: KeyLike = { key: 'f', code: 'KeyF', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };
    expect(comboMatches('F', base, 'other')).toBe(true);
    expect(comboMatches('F', { ...base, ctrlKey: true }, 'other')).toBe(false);
    expect(comboMatches('F', { ...base, key: 'F', shiftKey: true }, 'other')).toBe(false);
    const c: KeyLike = { key: 'c', code: 'KeyC', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false };
    expect(matchShortcut(c, ['grid'], 'other')?.id).toBe('cell.copy');
    expect(matchShortcut({ ...c, key: 'C', shiftKey: true }, ['grid'], 'other')?.id).toBe('row.copy');
    expect(matchShortcut(c, ['grid'], 'mac')).toBeNull();
    expect(matchShortcut({ ...c, ctrlKey: false, metaKey: true }, ['grid'], 'mac')?.id).toBe('cell.copy');
    // `/` must not fire for `?` (same physical key) and vice versa
    expect(matchShortcut({ ...base, key: '?', code: 'Slash', shiftKey: true }, ['global'], 'other')?.id).toBe('sheet.open');
    expect(matchShortcut({ ...base, key: '/', code: 'Slash' }, ['global'], 'other')?.id).toBe('query.focus');
  });

  it('random key events match at most what the table says, never a grid key outside the grid', () => {
    const keyArb = fc.constantFrom('a', 'f', 'x', 'p', 'b', 'k', 'l', 'c', '?', '/', 'Enter', 'Escape', 'F3', '1', '9', '[', ']', 'Tab');
    fc.assert(
      fc.property(keyArb, fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), (key, ctrlKey, metaKey, altKey, shiftKey) => {
        const e: KeyLike = { key, code: '', ctrlKey, metaKey, altKey, shiftKey };
        const hit = matchShortcut(e, ['global'], 'other');
        if (hit) expect(SHORTCUTS.find((s) => s.id === hit.id)?.scope).toBe('global');
        const gridHit = matchShortcut(e, ['grid'], 'other');
        if (gridHit) expect(ctrlKey || (!altKey && !metaKey)).toBe(true);
        if (metaKey) expect(hit).toBeNull(); // Cmd means nothing off a Mac
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('formats keys for tooltips per platform', () => {
    expect(labelWithKeys('value.filter', 'other')).toBe('Filter to value (F)');
    expect(formatCombo('Mod+Shift+C', 'other')).toBe('Ctrl+Shift+C');
    expect(formatCombo('Mod+Shift+C', 'mac')).toBe('⌘⇧C');
    expect(formatCombo('Escape', 'other')).toBe('Esc');
  });
});

describe('global key dispatch', () => {
  afterEach(() => document.body.replaceChildren());

  function press(target: HTMLElement, init: KeyboardEventInit): KeyboardEvent {
    const e = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
    target.dispatchEvent(e);
    return e;
  }

  it('runs the latest handler, lets text fields keep plain keys, and leaves modal dialogs alone', () => {
    const ran: string[] = [];
    const undoA = addShortcutHandlers({ 'sheet.open': () => ran.push('a'), 'palette.open': () => ran.push('palette') });
    const undoB = addShortcutHandlers({ 'sheet.open': () => ran.push('b') });
    const listener = (e: KeyboardEvent) => handleGlobalKey(e, ['global']);
    window.addEventListener('keydown', listener);
    try {
      const input = document.body.appendChild(document.createElement('input'));
      const modal = document.body.appendChild(document.createElement('div'));
      modal.setAttribute('aria-modal', 'true');
      const inModal = modal.appendChild(document.createElement('button'));
      const plain = document.body.appendChild(document.createElement('div'));

      expect(press(plain, { key: '?', shiftKey: true }).defaultPrevented).toBe(true);
      press(input, { key: '?', shiftKey: true }); // typing a question mark
      press(input, { key: 'k', ctrlKey: true }); // palette works while typing
      press(inModal, { key: 'k', ctrlKey: true });
      undoB();
      press(plain, { key: '?', shiftKey: true });
      expect(ran).toEqual(['b', 'palette', 'a']);
      undoA();
      expect(press(plain, { key: '?', shiftKey: true }).defaultPrevented).toBe(false);
    } finally {
      window.removeEventListener('keydown', listener);
    }
  });
});

describe('fuzzy search', () => {
  it('a subsequence always matches; a letter the text lacks never does', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { maxLength: 10 }), (text, picks) => {
        const idx = [...new Set(picks.map((p) => p % text.length))].sort((a, b) => a - b);
        const sub = idx.map((i) => text[i]).join('');
        expect(fuzzyScore(sub, text)).not.toBeNull();
        const absent = '\u2603';
        expect(fuzzyScore(sub + absent, text.replaceAll(absent, ''))).toBeNull();
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('ranks prefix and word-start matches first and keeps only matches', () => {
    const labels = ['Export report as Markdown', 'Sign_In_Logs', 'Azure_KV_Logs', 'Go to Report', 'Toggle stack panel'];
    expect(fuzzyFilter('report', labels, (l) => l)).toEqual(['Go to Report', 'Export report as Markdown']);
    expect(fuzzyFilter('kv', labels, (l) => l)[0]).toBe('Azure_KV_Logs');
    expect(fuzzyFilter('sign', labels, (l) => l)).toEqual(['Sign_In_Logs']);
    expect(fuzzyFilter('zzz', labels, (l) => l)).toEqual([]);
    expect(fuzzyFilter('', labels, (l) => l)).toEqual(labels);
  });
});

describe('F3 match search', () => {
  const row = (i: number, text: string): GridRow => ({ sourceId: 1, row: i, time: null, cells: [text, null] } as unknown as GridRow);
  function pagedSource(texts: string[], pageSize = 10): MatchSource & { fetched: number[] } {
    const loaded = new Set<number>([0]);
    const fetched: number[] = [];
    return {
      fetched,
      total: texts.length,
      rowAt: (i) => (loaded.has(Math.floor(i / pageSize)) ? row(i, texts[i] ?? '') : undefined),
      ensure: async (i) => {
        fetched.push(Math.floor(i / pageSize));
        loaded.add(Math.floor(i / pageSize));
      },
      texts: (r) => r.cells,
    };
  }

  it('finds the next and previous cell containing a term, case-insensitively, fetching pages on the way', async () => {
    const texts = Array.from({ length: 45 }, (_, i) => (i === 3 || i === 37 ? `Key LIST ${i}` : `other ${i}`));
    const src = pagedSource(texts);
    const at = (index: number, column = 0) => ({ index, column });
    expect(await findMatch(src, at(0), 1, ['list'])).toEqual(at(3));
    expect(await findMatch(src, at(3), 1, ['list'])).toEqual(at(37));
    expect(src.fetched).toEqual([1, 2, 3]);
    expect(await findMatch(src, at(37), 1, ['list'])).toBeNull();
    expect(await findMatch(src, at(37), -1, ['list'])).toEqual(at(3));
    expect(await findMatch(src, at(5), 1, [''])).toBeNull();
  });

  it('looks at the cells right (F3) or left (Shift+F3) of the active one first', async () => {
    const src: MatchSource = { total: 2, rowAt: (i) => row(i, ''), ensure: async () => undefined, texts: (r) => (r.row === 0 ? ['hit', 'x', 'hit', 'x'] : ['x', 'hit', 'x', 'x']) };
    expect(await findMatch(src, { index: 0, column: 0 }, 1, ['HIT'])).toEqual({ index: 0, column: 2 });
    expect(await findMatch(src, { index: 0, column: 2 }, 1, ['hit'])).toEqual({ index: 1, column: 1 });
    expect(await findMatch(src, { index: 1, column: 1 }, -1, ['hit'])).toEqual({ index: 0, column: 2 });
    expect(await findMatch(src, { index: 0, column: 2 }, -1, ['hit'])).toEqual({ index: 0, column: 0 });
    expect(await findMatch(src, { index: 0, column: 0 }, -1, ['hit'])).toBeNull();
  });
});

describe('display preferences', () => {
  it('parses stored prefs and falls back field by field on anything hostile', () => {
    expect(parsePrefs(null)).toEqual(DEFAULT_PREFS);
    expect(parsePrefs('{"density":"comfortable","monoGrid":true,"theme":"dark"}')).toEqual({ density: 'comfortable', monoGrid: true, theme: 'dark' });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const p = parsePrefs(text);
        expect(['dense', 'comfortable']).toContain(p.density);
        expect(typeof p.monoGrid).toBe('boolean');
        expect(['system', 'light', 'dark']).toContain(p.theme);
      }),
      { seed: 42, numRuns: 300 },
    );
    expect(parsePrefs('{"density":"<img src=x>","__proto__":{"monoGrid":true}}')).toEqual(DEFAULT_PREFS);
  });
});

describe('CommandPalette', () => {
  let w: VueWrapper | null = null;
  afterEach(() => {
    w?.unmount();
    w = null;
    document.body.replaceChildren();
  });

  it('is an ARIA combobox over a listbox: type to filter, arrows move, Enter runs, Esc closes, Tab stays inside', async () => {
    const ran: string[] = [];
    const entries: PaletteEntry[] = ['Go to Report', 'Sign_In_Logs', 'Azure_KV_Logs', '<img src=x onerror=alert(1)>'].map((label, i) => ({ key: String(i), kind: 'Source', label, detail: '', run: () => ran.push(label) }));
    w = mount(CommandPalette, { props: { entries }, attachTo: document.body });
    await new Promise((r) => setTimeout(r, 0));
    const input = w.get('[role="combobox"]');
    expect(document.activeElement).toBe(input.element);
    expect(w.get('[role="dialog"]').attributes('aria-modal')).toBe('true');
    expect(input.attributes('aria-controls')).toBe(w.get('[role="listbox"]').attributes('id'));
    expect(w.findAll('[role="option"]')).toHaveLength(4);
    expect(w.element.querySelectorAll('img')).toHaveLength(0);

    await input.setValue('logs');
    const options = w.findAll('[role="option"]');
    expect(options.map((o) => o.text())).toEqual(['SourceSign_In_Logs', 'SourceAzure_KV_Logs']);
    expect(input.attributes('aria-activedescendant')).toBe(options[0]?.attributes('id'));
    await input.trigger('keydown', { key: 'ArrowDown' });
    expect(input.attributes('aria-activedescendant')).toBe(w.findAll('[role="option"]')[1]?.attributes('id'));
    expect(w.findAll('[role="option"]')[1]?.attributes('aria-selected')).toBe('true');
    await input.trigger('keydown', { key: 'Tab' });
    expect(document.activeElement).toBe(input.element);
    await input.trigger('keydown', { key: 'Enter' });
    expect(ran).toEqual(['Azure_KV_Logs']);
    expect(w.emitted('close')).toHaveLength(1);
    await input.trigger('keydown', { key: 'Escape' });
    expect(w.emitted('close')).toHaveLength(2);
  });
});
