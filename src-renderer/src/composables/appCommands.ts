// The app-wide shortcut handlers and the command palette's entries (actions, sources, saved filters, bookmarks).
import { nextTick } from 'vue';
import { SHORTCUTS, type ShortcutId } from '../../../src-main/contract/shortcuts';
import { useBookmarksStore } from '../stores/bookmarks';
import { useCaseStore } from '../stores/caseInfo';
import { useDisplayPrefsStore } from '../stores/displayPrefs';
import { useFiltersStore } from '../stores/filters';
import { useImportsStore } from '../stores/imports';
import { useOverlaysStore } from '../stores/overlays';
import { useQueryStore } from '../stores/query';
import { useReportStore } from '../stores/report';
import { useUiStore, type ViewName } from '../stores/ui';
import { downloadBytes } from './download';
import { keysText, runShortcut, type ShortcutHandler } from './shortcuts';
import { useRowActions } from './useRowActions';

export type PaletteKind = 'Action' | 'View' | 'Source' | 'Saved filter' | 'Bookmark';
export interface PaletteEntry { key: string; kind: PaletteKind; label: string; detail: string; run: () => void }

const VIEWS: { name: ViewName; label: string }[] = [
  { name: 'explore', label: 'Explore (grid)' },
  { name: 'pivot', label: 'Pivot' },
  { name: 'bookmarks', label: 'Bookmarks' },
  { name: 'triage', label: 'Findings' },
  { name: 'report', label: 'Report' },
  { name: 'evidence', label: 'Evidence' },
  { name: 'audit', label: 'Audit log' },
];

/** Moves focus to an element after Vue has rendered the view it lives in. */
export function focusTestId(testId: string): void {
  void nextTick(() => {
    const el = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    el?.focus();
    if (el instanceof HTMLInputElement) el.select(); // typing replaces the query
  });
}

export function isDark(theme: 'system' | 'light' | 'dark'): boolean {
  if (theme !== 'system') return theme === 'dark';
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

export function useAppCommands(importFiles: () => void) {
  const ui = useUiStore();
  const query = useQueryStore();
  const cases = useCaseStore();
  const filters = useFiltersStore();
  const bookmarks = useBookmarksStore();
  const imports = useImportsStore();
  const overlays = useOverlaysStore();
  const prefs = useDisplayPrefsStore();
  const report = useReportStore();
  const actions = useRowActions();

  /** Sidebar order: the timeline, then the sources. */
  const sourceOrder = (): (number | null)[] => [null, ...cases.sources.map((s) => s.id)];

  function openSource(id: number | null): void {
    ui.view = 'explore';
    // focus now, not when the query answers: by then the user may be typing elsewhere
    focusTestId('grid');
    void query.setSource(id);
  }

  function stepSource(delta: number): void {
    const order = sourceOrder();
    const at = query.ran ? order.indexOf(query.source) : -1;
    const next = order[(at + delta + order.length) % order.length];
    if (next !== undefined) openSource(next);
  }

  function closeTopmost(): void {
    if (overlays.open) overlays.close();
    else if (ui.rightPanel !== null) ui.rightPanel = null;
    else if (imports.panelOpen) imports.panelOpen = false;
    else return;
    if (ui.view === 'explore') focusTestId('grid');
  }

  async function exportMarkdown(): Promise<void> {
    ui.view = 'report';
    const r = await report.exportReport('md');
    if (r) downloadBytes(r.bytes, r.fileName, r.mime);
  }

  const handlers: Partial<Record<ShortcutId, ShortcutHandler>> = {
    'palette.open': () => overlays.show('palette'),
    'sheet.open': () => overlays.show('shortcuts'),
    'query.focus': () => {
      ui.view = 'explore';
      focusTestId('query-input');
    },
    'grid.focus': () => {
      ui.view = 'explore';
      focusTestId('grid');
    },
    'source.number': (i) => {
      const id = sourceOrder()[i];
      if (id !== undefined) openSource(id);
    },
    'source.next': () => stepSource(1),
    'source.prev': () => stepSource(-1),
    'panel.close': closeTopmost,
    'panel.stack': () => (ui.rightPanel = ui.rightPanel === 'stack' ? null : 'stack'),
    'theme.toggle': () => ui.setTheme(isDark(ui.theme) ? 'light' : 'dark'),
    'import.files': importFiles,
    'report.export': () => (ui.view = 'report'),
    'app.about': () => overlays.show('about'),
  };

  function actionEntries(): PaletteEntry[] {
    const fromTable = SHORTCUTS.filter((s) => s.id !== 'palette.open' && s.id !== 'source.number' && s.scope !== 'menu').map((s): PaletteEntry => ({
      key: `a:${s.id}`, kind: 'Action', label: s.label, detail: keysText(s.id), run: () => void runShortcut(s.id),
    }));
    const extra: PaletteEntry[] = [
      { key: 'a:report.md', kind: 'Action', label: 'Export report as Markdown', detail: '', run: () => void exportMarkdown() },
      { key: 'a:verify', kind: 'Action', label: 'Verify sources (re-hash evidence)', detail: '', run: () => { ui.view = 'evidence'; void cases.verify(); } },
      { key: 'a:display', kind: 'Action', label: 'Display options…', detail: '', run: () => overlays.show('display') },
      { key: 'a:density', kind: 'Action', label: `Row height: ${prefs.density === 'dense' ? 'comfortable' : 'dense'}`, detail: '', run: () => prefs.toggleDensity() },
      { key: 'a:mono', kind: 'Action', label: `Monospace grid: ${prefs.monoGrid ? 'off' : 'on'}`, detail: '', run: () => (prefs.monoGrid = !prefs.monoGrid) },
      ...(['system', 'light', 'dark'] as const).map((t): PaletteEntry => ({ key: `a:theme.${t}`, kind: 'Action', label: `Theme: ${t === 'system' ? 'follow the system' : t}`, detail: '', run: () => ui.setTheme(t) })),
    ];
    const views = VIEWS.map((v): PaletteEntry => ({ key: `v:${v.name}`, kind: 'View', label: `Go to ${v.label}`, detail: '', run: () => { ui.view = v.name; } }));
    return [...fromTable, ...extra, ...views];
  }

  /** Everything the palette can search, in a stable order (fuzzy ranking re-sorts). */
  function paletteEntries(): PaletteEntry[] {
    const sources: PaletteEntry[] = [
      { key: 's:timeline', kind: 'Source', label: 'Timeline (all sources)', detail: `${cases.totalRows.toLocaleString('en-US')} rows`, run: () => openSource(null) },
      ...cases.sources.map((s): PaletteEntry => ({ key: `s:${s.id}`, kind: 'Source', label: s.name, detail: `${s.profileName} · ${s.rows.toLocaleString('en-US')} rows`, run: () => openSource(s.id) })),
    ];
    const saved = filters.list.map((f): PaletteEntry => ({
      key: `f:${f.id}`, kind: 'Saved filter', label: f.name, detail: f.query,
      run: () => { ui.view = 'explore'; focusTestId('grid'); void filters.apply(f); },
    }));
    const marks = bookmarks.list.map((b): PaletteEntry => ({
      key: `b:${b.id}`, kind: 'Bookmark', label: b.note || b.summary || `${b.sourceName} row ${b.row}`, detail: `${b.sourceName} · row ${b.row}`,
      run: () => {
        ui.view = 'explore';
        const go = query.source !== b.sourceId || !query.ran ? query.setSource(b.sourceId) : Promise.resolve();
        void go.then(() => actions.openDetails({ sourceId: b.sourceId, row: b.row }));
      },
    }));
    return [...actionEntries(), ...sources, ...saved, ...marks];
  }

  return { handlers, paletteEntries, openSource, closeTopmost };
}
