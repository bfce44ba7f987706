// Header gestures for the grid's columns: drag a header to reorder, drag its edge to resize, Alt+Arrow keys for both.
import { onBeforeUnmount } from 'vue';
import type { LaidColumn } from './columnLayout';
import { useLayoutStore } from '../stores/layout';

const DRAG_TYPE = 'application/x-loupe-column';
export const KEY_RESIZE_STEP = 20;

export function useColumnGestures() {
  const layout = useLayoutStore();
  let stopResize: (() => void) | null = null;

  function onDragStart(e: DragEvent, col: LaidColumn): void {
    if (stopResize) {
      e.preventDefault(); // the press began on the resize edge: resize, do not drag the header
      return;
    }
    if (!e.dataTransfer) return;
    e.dataTransfer.setData(DRAG_TYPE, col.key);
    e.dataTransfer.setData('text/plain', col.label);
    e.dataTransfer.effectAllowed = 'move';
  }

  function onDragOver(e: DragEvent): void {
    if (e.dataTransfer && Array.from(e.dataTransfer.types).includes(DRAG_TYPE)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
    }
  }

  function onDrop(e: DragEvent, target: LaidColumn): void {
    const key = e.dataTransfer?.getData(DRAG_TYPE) ?? '';
    if (key === '' || key === target.key) return;
    e.preventDefault();
    void layout.moveBefore(key, target.key);
  }

  /** Mouse down on a header's right edge: the width follows the pointer, saved on release. */
  function startResize(e: MouseEvent, col: LaidColumn): void {
    stopResize?.();
    const startX = e.clientX;
    const startW = col.width;
    const move = (ev: MouseEvent): void => void layout.setWidth(col.key, startW + ev.clientX - startX, false);
    const up = (ev: MouseEvent): void => {
      stop();
      void layout.setWidth(col.key, startW + ev.clientX - startX, true);
    };
    const stop = (): void => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      stopResize = null;
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
    stopResize = stop;
  }

  /** Focused header: Alt+Left/Right resizes, Alt+Shift+Left/Right moves the column. */
  function onHeaderKey(e: KeyboardEvent, col: LaidColumn): void {
    if (!e.altKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
    e.preventDefault();
    e.stopPropagation();
    const dir = e.key === 'ArrowLeft' ? -1 : 1;
    if (e.shiftKey) void layout.moveBy(col.key, dir);
    else void layout.setWidth(col.key, col.width + dir * KEY_RESIZE_STEP);
  }

  onBeforeUnmount(() => stopResize?.());

  return { onDragStart, onDragOver, onDrop, startResize, onHeaderKey };
}
