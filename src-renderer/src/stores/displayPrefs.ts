// Pinia store for display preferences (row density, monospace grid, theme) kept in localStorage and applied as CSS variables.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { useUiStore, type Theme } from './ui';

export type Density = 'dense' | 'comfortable';
export const ROW_HEIGHTS: Readonly<Record<Density, number>> = { dense: 24, comfortable: 32 };
export const MONO_FONT = "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace";
export const STORAGE_KEY = 'loupe.display';

export interface DisplayPrefs { density: Density; monoGrid: boolean; theme: Theme }
export const DEFAULT_PREFS: DisplayPrefs = { density: 'dense', monoGrid: false, theme: 'system' };

/** Reads stored prefs; anything malformed or unknown falls back to the default field by field. */
export function parsePrefs(text: string | null): DisplayPrefs {
  let raw: unknown = null;
  try {
    raw = text === null ? null : JSON.parse(text);
  } catch {
    raw = null;
  }
  const o = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return {
    density: o['density'] === 'comfortable' || o['density'] === 'dense' ? o['density'] : DEFAULT_PREFS.density,
    monoGrid: typeof o['monoGrid'] === 'boolean' ? o['monoGrid'] : DEFAULT_PREFS.monoGrid,
    theme: o['theme'] === 'light' || o['theme'] === 'dark' || o['theme'] === 'system' ? o['theme'] : DEFAULT_PREFS.theme,
  };
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage can be disabled; preferences then last for the session
  }
}

export const useDisplayPrefsStore = defineStore('displayPrefs', () => {
  const ui = useUiStore();
  const initial = parsePrefs(storage()?.getItem(STORAGE_KEY) ?? null);
  const density = ref<Density>(initial.density);
  const monoGrid = ref(initial.monoGrid);
  const rowHeight = computed(() => ROW_HEIGHTS[density.value]);
  const gridFont = computed(() => (monoGrid.value ? MONO_FONT : ''));

  function apply(): void {
    const root = document.documentElement;
    root.style.setProperty('--row-h', `${rowHeight.value}px`);
    root.dataset['density'] = density.value;
    if (monoGrid.value) root.dataset['monoGrid'] = 'true';
    else delete root.dataset['monoGrid'];
  }

  function save(): void {
    const prefs: DisplayPrefs = { density: density.value, monoGrid: monoGrid.value, theme: ui.theme };
    try {
      storage()?.setItem(STORAGE_KEY, JSON.stringify(prefs));
    } catch {
      // quota or disabled storage: keep the in-memory value
    }
  }

  function toggleDensity(): void {
    density.value = density.value === 'dense' ? 'comfortable' : 'dense';
  }

  ui.setTheme(initial.theme);
  apply();
  watch([density, monoGrid], apply);
  watch([density, monoGrid, () => ui.theme], save);

  return { density, monoGrid, rowHeight, gridFont, toggleDensity };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useDisplayPrefsStore, import.meta.hot));
