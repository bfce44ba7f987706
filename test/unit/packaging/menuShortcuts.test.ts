// The Electron menu and the renderer share one shortcut table: menu accelerators come from it and never collide with it.
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => ({ Menu: { setApplicationMenu: () => undefined, buildFromTemplate: () => ({}) } }));

const { menuTemplate } = await import('../../../src-main/app/menu');
const { MENU_SHORTCUT_IDS, SHORTCUTS, accelerator, shortcut } = await import('../../../src-main/contract/shortcuts');

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((m) => [m, ...(Array.isArray(m.submenu) ? items(m.submenu) : [])]);
}
const noop = (): void => undefined;
const actions = { openCase: noop, importFiles: noop, exportReport: noop, toggleDarkMode: noop, about: noop };

describe('menu accelerators', () => {
  for (const isMac of [false, true]) {
    it(`come from the shortcut table (${isMac ? 'macOS' : 'Windows/Linux'})`, () => {
      const accels = items(menuTemplate({ isMac, dev: false, actions })).map((i) => i.accelerator).filter((a): a is string => typeof a === 'string');
      for (const id of MENU_SHORTCUT_IDS) expect(accels, id).toContain(accelerator(id));
      expect(accelerator('theme.toggle')).toBe('CmdOrCtrl+Shift+D');
    });
  }

  it('no renderer shortcut uses a combo the menu owns (it would never reach the page)', () => {
    const menuCombos = new Set(MENU_SHORTCUT_IDS.map((id) => shortcut(id).keys[0]));
    menuCombos.add('Mod+Q');
    for (const s of SHORTCUTS) {
      if ((MENU_SHORTCUT_IDS as readonly string[]).includes(s.id)) continue;
      for (const k of s.keys) expect(menuCombos.has(k), `${s.id} uses ${k}`).toBe(false);
    }
  });
});
