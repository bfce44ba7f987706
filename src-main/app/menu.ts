// The application menu: File / Edit / View / Help with the usual shortcuts; actions are injected.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { accelerator } from '../contract/shortcuts';

export interface MenuActions {
  openCase(): void;
  importFiles(): void;
  exportReport(): void;
  toggleDarkMode(): void;
  about(): void;
}

export interface MenuOptions {
  isMac: boolean;
  /** Reload and devtools only in development builds. */
  dev: boolean;
  actions: MenuActions;
}

export function menuTemplate({ isMac, dev, actions }: MenuOptions): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open Case…', accelerator: accelerator('case.open'), click: () => actions.openCase() },
      { label: 'Import Files…', accelerator: accelerator('import.files'), click: () => actions.importFiles() },
      { label: 'Export Report…', accelerator: accelerator('report.export'), click: () => actions.exportReport() },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(dev ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[]) : []),
      { label: 'Toggle Dark Mode', accelerator: accelerator('theme.toggle'), click: () => actions.toggleDarkMode() },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = { label: '&Help', submenu: [{ label: 'About Loupe', click: () => actions.about() }] };
  const appMenu: MenuItemConstructorOptions[] = isMac ? [{ role: 'appMenu' }] : [];
  return [...appMenu, file, edit, view, help];
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)));
}
