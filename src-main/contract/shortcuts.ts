// The keyboard shortcut table (data plus pure helpers), shared by the renderer's key handling and the Electron menu.

/**
 * Key combos are written `Mod+Shift+K`: `Mod` is Cmd on macOS and Ctrl elsewhere; the last part is the key
 * (`K`, `F3`, `Enter`, `Escape`, `/`, `?`, `[`, `1`). Letters match case-insensitively; digits and brackets
 * match on the physical key so Alt/Shift layouts (Alt+1 = `¡` on a Mac) still work.
 */
export type Combo = string;

/** Where a shortcut fires: anywhere, only with the grid focused, or only as an application-menu accelerator. */
export type ShortcutScope = 'global' | 'grid' | 'menu';

export type ShortcutGroup = 'Navigate' | 'Rows and values' | 'Panels' | 'Case';

export interface ShortcutDef {
  readonly id: string;
  readonly label: string;
  /** First combo is the one shown in tooltips and menus. */
  readonly keys: readonly Combo[];
  /** macOS-only override of `keys`. */
  readonly macKeys?: readonly Combo[];
  readonly scope: ShortcutScope;
  readonly group: ShortcutGroup;
  /** Fires even while a text field has focus (otherwise the key types into the field). */
  readonly whileTyping?: boolean;
}

const SOURCE_DIGITS: readonly Combo[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => `Alt+${d}`);

export const SHORTCUTS = [
  { id: 'palette.open', label: 'Command palette', keys: ['Mod+K'], scope: 'global', group: 'Navigate', whileTyping: true },
  { id: 'sheet.open', label: 'Keyboard shortcuts', keys: ['?'], scope: 'global', group: 'Navigate' },
  { id: 'query.focus', label: 'Focus query bar', keys: ['Mod+L', '/'], scope: 'global', group: 'Navigate', whileTyping: true },
  { id: 'grid.focus', label: 'Focus grid', keys: ['Mod+G'], scope: 'global', group: 'Navigate', whileTyping: true },
  { id: 'match.next', label: 'Next match', keys: ['F3'], scope: 'global', group: 'Navigate', whileTyping: true },
  { id: 'match.prev', label: 'Previous match', keys: ['Shift+F3'], scope: 'global', group: 'Navigate', whileTyping: true },
  { id: 'source.number', label: 'Switch source (1 = timeline, 2… = sources in order)', keys: SOURCE_DIGITS, scope: 'global', group: 'Navigate', whileTyping: true },
  { id: 'source.next', label: 'Next source', keys: ['Mod+Shift+]'], scope: 'global', group: 'Navigate', whileTyping: true },
  { id: 'source.prev', label: 'Previous source', keys: ['Mod+Shift+['], scope: 'global', group: 'Navigate', whileTyping: true },
  { id: 'value.filter', label: 'Filter to value', keys: ['F'], scope: 'grid', group: 'Rows and values' },
  { id: 'value.exclude', label: 'Exclude value', keys: ['X'], scope: 'grid', group: 'Rows and values' },
  { id: 'value.pivot', label: 'Pivot on value', keys: ['P'], scope: 'grid', group: 'Rows and values' },
  { id: 'column.stack', label: 'Stack this column', keys: ['S'], scope: 'grid', group: 'Rows and values' },
  { id: 'row.bookmark', label: 'Bookmark with note', keys: ['B'], scope: 'grid', group: 'Rows and values' },
  { id: 'row.details', label: 'Open details', keys: ['Enter'], scope: 'grid', group: 'Rows and values' },
  { id: 'cell.copy', label: 'Copy cell', keys: ['Mod+C'], scope: 'grid', group: 'Rows and values' },
  { id: 'row.copy', label: 'Copy row', keys: ['Mod+Shift+C'], scope: 'grid', group: 'Rows and values' },
  { id: 'cell.menu', label: 'Cell and column menu', keys: ['Shift+F10', 'ContextMenu'], scope: 'grid', group: 'Rows and values' },
  { id: 'panel.close', label: 'Close panel or dialog', keys: ['Escape'], scope: 'global', group: 'Panels' },
  { id: 'panel.stack', label: 'Toggle stack panel', keys: ['Mod+Shift+S'], scope: 'global', group: 'Panels', whileTyping: true },
  { id: 'theme.toggle', label: 'Toggle dark mode', keys: ['Mod+Shift+D'], scope: 'global', group: 'Panels', whileTyping: true },
  { id: 'case.open', label: 'Open case…', keys: ['Mod+O'], scope: 'menu', group: 'Case' },
  { id: 'import.files', label: 'Import files…', keys: ['Mod+I'], scope: 'global', group: 'Case', whileTyping: true },
  { id: 'report.export', label: 'Export report…', keys: ['Mod+E'], scope: 'global', group: 'Case', whileTyping: true },
  { id: 'app.about', label: 'About Loupe', keys: [], scope: 'global', group: 'Case' },
] as const satisfies readonly ShortcutDef[];

export type ShortcutId = (typeof SHORTCUTS)[number]['id'];

/** Ids the Electron application menu shows with an accelerator (main handles them natively). */
export const MENU_SHORTCUT_IDS = ['case.open', 'import.files', 'report.export', 'theme.toggle'] as const satisfies readonly ShortcutId[];

export type Platform = 'mac' | 'other';

const BY_ID: ReadonlyMap<string, ShortcutDef> = new Map(SHORTCUTS.map((s): [string, ShortcutDef] => [s.id, s]));

export function shortcut(id: ShortcutId): ShortcutDef {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`unknown shortcut ${id}`);
  return def;
}

export function keysFor(id: ShortcutId, platform: Platform): readonly Combo[] {
  const def = shortcut(id);
  return platform === 'mac' && def.macKeys ? def.macKeys : def.keys;
}

interface ParsedCombo { mod: boolean; ctrl: boolean; alt: boolean; shift: boolean; key: string }

export function parseCombo(combo: Combo): ParsedCombo {
  // `Mod++` is not used; the key is whatever follows the last '+' separator ('?' and '/' have no '+').
  const parts = combo.length > 1 && combo.endsWith('+') ? [...combo.slice(0, -2).split('+'), '+'] : combo.split('+');
  const key = parts[parts.length - 1] ?? '';
  const mods = new Set(parts.slice(0, -1));
  return { mod: mods.has('Mod'), ctrl: mods.has('Ctrl'), alt: mods.has('Alt'), shift: mods.has('Shift'), key };
}

/** The fields of a KeyboardEvent matching needs (so this module needs no DOM types). */
export interface KeyLike { key: string; code?: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }

const CODE_KEYS: Readonly<Record<string, string>> = { '[': 'BracketLeft', ']': 'BracketRight' };

function keyMatches(want: string, e: KeyLike): boolean {
  if (/^[0-9]$/.test(want)) return e.code === `Digit${want}` || e.key === want;
  const code = CODE_KEYS[want];
  if (code !== undefined && e.code === code) return true;
  if (want.length === 1) return e.key.toLowerCase() === want.toLowerCase();
  return e.key === want;
}

/** Shift is significant for letters and named keys; for symbols it is part of producing the character (`?`). */
function shiftIsFree(key: string): boolean {
  return key.length === 1 && !/^[a-z0-9[\]]$/i.test(key);
}

export function comboMatches(combo: Combo, e: KeyLike, platform: Platform): boolean {
  const c = parseCombo(combo);
  const wantCtrl = c.ctrl || (c.mod && platform !== 'mac');
  const wantMeta = c.mod && platform === 'mac';
  if (e.ctrlKey !== wantCtrl || e.metaKey !== wantMeta || e.altKey !== c.alt) return false;
  if (!shiftIsFree(c.key) && e.shiftKey !== c.shift) return false;
  return keyMatches(c.key, e);
}

/** The shortcut a key event means in a scope, with the index of the combo that matched (Alt+3 → 2). */
export function matchShortcut(e: KeyLike, scopes: readonly ShortcutScope[], platform: Platform): { id: ShortcutId; index: number } | null {
  for (const def of SHORTCUTS) {
    if (!scopes.includes(def.scope)) continue;
    const keys = keysFor(def.id, platform);
    const index = keys.findIndex((k) => comboMatches(k, e, platform));
    if (index >= 0) return { id: def.id, index };
  }
  return null;
}

const MAC_SYMBOLS: Readonly<Record<string, string>> = { Mod: '⌘', Ctrl: '⌃', Alt: '⌥', Shift: '⇧' };
const KEY_NAMES: Readonly<Record<string, string>> = { Escape: 'Esc', ContextMenu: 'Menu key' };

/** Human text of a combo: `Ctrl+Shift+C`, `⌘⇧C`. */
export function formatCombo(combo: Combo, platform: Platform): string {
  const c = parseCombo(combo);
  const key = KEY_NAMES[c.key] ?? c.key;
  const mods = [c.ctrl && 'Ctrl', c.mod && 'Mod', c.alt && 'Alt', c.shift && 'Shift'].filter((m): m is string => typeof m === 'string');
  if (platform === 'mac') return mods.map((m) => MAC_SYMBOLS[m] ?? m).join('') + key;
  return [...mods.map((m) => (m === 'Mod' ? 'Ctrl' : m)), key].join('+');
}

/** `Filter to value (F)` — the label with its primary combo, for title attributes and menus. */
export function labelWithKeys(id: ShortcutId, platform: Platform, label: string = shortcut(id).label): string {
  const first = keysFor(id, platform)[0];
  return first === undefined ? label : `${label} (${formatCombo(first, platform)})`;
}

/** The Electron accelerator for a shortcut's primary combo (`CmdOrCtrl+Shift+D`), or undefined. */
export function accelerator(id: ShortcutId): string | undefined {
  const first = shortcut(id).keys[0];
  return first === undefined ? undefined : first.replace(/^Mod\+/, 'CmdOrCtrl+');
}
