import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import { confirmationText, type StorageSummary } from '../ipc/location-access.js';

type WindowRef = () => BrowserWindow | undefined;

/** The native file dialogs the handlers ask through: the only way a path reaches main from the user. */
export function createFileDialogs(window: WindowRef) {
  const open = (options: Electron.OpenDialogOptions) => {
    const parent = window();
    return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options);
  };
  return {
    async chooseSavePath(name: string): Promise<string | undefined> {
      const options = { defaultPath: join(app.getPath('downloads'), name) };
      const parent = window();
      const result = await (parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options));
      return result.canceled ? undefined : result.filePath;
    },
    async chooseFolder(): Promise<string | undefined> {
      const result = await open({ title: 'Choose the vault folder', properties: ['openDirectory', 'createDirectory', 'promptToCreate'] });
      return result.canceled ? undefined : result.filePaths[0];
    },
    async chooseFilesToImport(): Promise<string[]> {
      const result = await open({ title: 'Add files to the vault', properties: ['openFile', 'multiSelections'] });
      return result.canceled ? [] : result.filePaths;
    },
    async chooseFolderToImport(): Promise<string | undefined> {
      const result = await open({ title: 'Add a folder to the vault', properties: ['openDirectory'] });
      return result.canceled ? undefined : result.filePaths[0];
    },
    async chooseExportFolder(): Promise<string | undefined> {
      const result = await open({ title: 'Export to a folder', properties: ['openDirectory', 'createDirectory'] });
      return result.canceled ? undefined : result.filePaths[0];
    },
  };
}

/** Asks, in a native dialog the page cannot draw or click, whether Coffer may use this storage. */
export async function confirmStorage(window: WindowRef, summary: StorageSummary): Promise<boolean> {
  const text = confirmationText(summary);
  const options: Electron.MessageBoxOptions = {
    type: 'question',
    title: 'Coffer',
    message: text.message,
    detail: text.detail,
    buttons: [text.cancel, text.confirm],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
  const parent = window();
  const { response } = await (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
  return response === 1;
}
