// Runtime side of the shortcut table: platform, tooltips, and one window key listener dispatching to registered handlers.
import { onBeforeUnmount, onMounted } from 'vue';
import { formatCombo, keysFor, labelWithKeys, matchShortcut, shortcut, type Platform, type ShortcutId, type ShortcutScope } from '../../../src-main/contract/shortcuts';

export type ShortcutHandler = (index: number) => void;

export function currentPlatform(): Platform {
  const nav = typeof navigator === 'undefined' ? null : navigator;
  return nav && /Mac|iPhone|iPad/.test(nav.platform || nav.userAgent) ? 'mac' : 'other';
}

/** `Filter to value (F)` for title attributes. */
export function hint(id: ShortcutId, label?: string): string {
  return labelWithKeys(id, currentPlatform(), label);
}

/** Every combo of a shortcut as text: `Ctrl+L or /`. */
export function keysText(id: ShortcutId): string {
  const p = currentPlatform();
  return keysFor(id, p).map((k) => formatCombo(k, p)).join(' or ');
}

const handlers = new Map<ShortcutId, ShortcutHandler[]>();

/** Registers handlers; the most recently registered handler of an id wins. Returns the undo. */
export function addShortcutHandlers(map: Partial<Record<ShortcutId, ShortcutHandler>>): () => void {
  const added: [ShortcutId, ShortcutHandler][] = [];
  for (const [id, fn] of Object.entries(map) as [ShortcutId, ShortcutHandler | undefined][]) {
    if (!fn) continue;
    handlers.set(id, [...(handlers.get(id) ?? []), fn]);
    added.push([id, fn]);
  }
  return () => {
    for (const [id, fn] of added) handlers.set(id, (handlers.get(id) ?? []).filter((h) => h !== fn));
  };
}

/** Component form of addShortcutHandlers: active while the component is mounted. */
export function useShortcutHandlers(map: Partial<Record<ShortcutId, ShortcutHandler>>): void {
  let undo: (() => void) | null = null;
  onMounted(() => (undo = addShortcutHandlers(map)));
  onBeforeUnmount(() => undo?.());
}

/** Runs the handler of `id` if one is registered; true when something ran. */
export function runShortcut(id: ShortcutId, index = 0): boolean {
  const list = handlers.get(id) ?? [];
  const fn = list[list.length - 1];
  if (!fn) return false;
  fn(index);
  return true;
}

function isTypingTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true;
  return t instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'range', 'file'].includes(t.type);
}

/** Modal dialogs own their keys (Esc closes them, not the panel behind). */
function insideModal(t: EventTarget | null): boolean {
  return t instanceof Element && t.closest('[aria-modal="true"], [role="menu"]') !== null;
}

/** Scopes the window listener handles (`menu`-only shortcuts exist only as Electron accelerators). */
export const GLOBAL_SCOPES: readonly ShortcutScope[] = ['global'];

/** The keydown handler for `window`: skips events a component already handled (defaultPrevented). */
export function handleGlobalKey(e: KeyboardEvent, scopes: readonly ShortcutScope[], skip: ReadonlySet<ShortcutId> = new Set()): void {
  if (e.defaultPrevented || e.isComposing || insideModal(e.target)) return;
  const hit = matchShortcut(e, scopes, currentPlatform());
  if (!hit || skip.has(hit.id)) return;
  const typing = isTypingTarget(e.target);
  if (typing && shortcut(hit.id).whileTyping !== true) return;
  if (runShortcut(hit.id, hit.index)) e.preventDefault();
}
