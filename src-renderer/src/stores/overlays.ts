// Pinia store for the app-wide overlays: command palette, shortcuts sheet, About and display options dialogs.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';

export type Overlay = 'palette' | 'shortcuts' | 'about' | 'display';

export const useOverlaysStore = defineStore('overlays', () => {
  /** At most one overlay is open at a time. */
  const open = ref<Overlay | null>(null);

  function show(o: Overlay): void {
    open.value = o;
  }

  function close(): void {
    open.value = null;
  }

  return { open, show, close };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useOverlaysStore, import.meta.hot));
