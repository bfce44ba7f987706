// What the menu items do in main: open a case, import via the native picker, export a report, theme, about.
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { app, BrowserWindow, dialog, nativeTheme } from 'electron';
import type { ReportFormat } from '../contract/api';
import type { CaseRegistry } from './cases';
import type { MenuActions } from './menu';

const REPORT_FORMATS: Readonly<Record<string, ReportFormat>> = { '.md': 'md', '.html': 'html', '.htm': 'html', '.pdf': 'pdf' };

function showError(title: string, message: string): void {
  dialog.showErrorBox(title, message);
}

export function menuActions(cases: CaseRegistry): MenuActions {
  const current = () => cases.focused(BrowserWindow.getFocusedWindow()?.webContents.id);
  return {
    openCase() {
      void dialog
        .showOpenDialog({ title: 'Open case', properties: ['openFile'], filters: [{ name: 'Loupe case', extensions: ['loupe'] }] })
        .then((r) => {
          if (!r.canceled && r.filePaths[0] !== undefined) cases.open(r.filePaths[0]);
        });
    },
    importFiles() {
      const c = current();
      if (!c) return;
      void (async () => {
        const r = await dialog.showOpenDialog(c.window, { title: 'Import log files', properties: ['openFile', 'multiSelections'] });
        if (r.canceled || r.filePaths.length === 0) return;
        const ids = r.filePaths.map((p) => c.host.stagePath(p));
        const started = await c.host.call('import/start', { ids });
        if (!started.ok) showError('Import failed', started.error.message);
      })().catch((err: unknown) => showError('Import failed', String(err)));
    },
    exportReport() {
      const c = current();
      if (!c) return;
      void (async () => {
        const r = await dialog.showSaveDialog(c.window, {
          title: 'Export report',
          defaultPath: 'report.md',
          filters: [
            { name: 'Markdown', extensions: ['md'] },
            { name: 'HTML', extensions: ['html'] },
            { name: 'PDF', extensions: ['pdf'] },
          ],
        });
        if (r.canceled || !r.filePath) return;
        const format = REPORT_FORMATS[extname(r.filePath).toLowerCase()] ?? 'md';
        const report = await c.host.call('report/export', { format });
        if (!report.ok) return showError('Export failed', report.error.message);
        await writeFile(r.filePath, Buffer.from(report.value.base64, 'base64'));
      })().catch((err: unknown) => showError('Export failed', String(err)));
    },
    toggleDarkMode() {
      nativeTheme.themeSource = nativeTheme.shouldUseDarkColors ? 'light' : 'dark';
    },
    about() {
      void dialog.showMessageBox({ type: 'info', title: 'About Loupe', message: `Loupe ${app.getVersion()}`, detail: 'Offline forensic workstation for cloud log exports.' });
    },
  };
}
