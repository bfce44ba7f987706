// Pinia store for UI state: current view, right panel, dialogs, theme.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { RowRef } from './details';

export type ViewName = 'explore' | 'pivot' | 'triage' | 'findings' | 'bookmarks' | 'report' | 'evidence' | 'audit';
export type Theme = 'system' | 'light' | 'dark';
export type RightPanel = 'details' | 'stack' | null;

export const useUiStore = defineStore('ui', () => {
  const view = ref<ViewName>('explore');
  const rightPanel = ref<RightPanel>(null);
  /** The row the bookmark dialog is open for. */
  const bookmarkTarget = shallowRef<RowRef | null>(null);
  const saveFilterOpen = ref(false);
  const theme = ref<Theme>('system');

  function setTheme(t: Theme): void {
    theme.value = t;
    if (t === 'system') document.documentElement.removeAttribute('data-theme');
    else document.documentElement.setAttribute('data-theme', t);
  }

  function cycleTheme(): void {
    setTheme(theme.value === 'system' ? 'dark' : theme.value === 'dark' ? 'light' : 'system');
  }

  return { view, rightPanel, bookmarkTarget, saveFilterOpen, theme, setTheme, cycleTheme };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useUiStore, import.meta.hot));
