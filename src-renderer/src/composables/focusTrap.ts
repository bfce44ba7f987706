// Keeps Tab and Shift+Tab inside a dialog and puts focus back where it was when the dialog closes.
import { nextTick, onBeforeUnmount, onMounted, type Ref } from 'vue';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.hidden);
}

/** Wraps Tab at the ends of `root`; call from the dialog's keydown. */
export function trapTab(e: KeyboardEvent, root: HTMLElement | null): void {
  if (e.key !== 'Tab' || !root) return;
  const list = focusables(root);
  const first = list[0];
  const last = list[list.length - 1];
  if (!first || !last) {
    e.preventDefault();
    return;
  }
  const active = document.activeElement;
  if (e.shiftKey && (active === first || !root.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !root.contains(active))) {
    e.preventDefault();
    first.focus();
  }
}

/** Focuses `initial` (or the first focusable) on mount and restores the previous focus on unmount. */
export function useDialogFocus(root: Ref<HTMLElement | null>, initial?: Ref<HTMLElement | null>): void {
  let before: Element | null = null;
  onMounted(() => {
    before = document.activeElement;
    void nextTick(() => (initial?.value ?? (root.value ? focusables(root.value)[0] : undefined))?.focus());
  });
  onBeforeUnmount(() => {
    if (before instanceof HTMLElement && before.isConnected) before.focus({ preventScroll: true });
  });
}

/** The keydown handler every modal shares: Escape closes it (and stops there), Tab stays inside. */
export function dialogKeys(close: () => void, root: Ref<HTMLElement | null>): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else trapTab(e, root.value);
  };
}
