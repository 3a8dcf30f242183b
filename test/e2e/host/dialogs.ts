import type { StorageSummary } from '../../../main/ipc/location-access.js';

/**
 * Everything main asks the user, or hands to the desktop, outside the page: the native dialogs and
 * shell calls of main/electron. A scenario answers them; the page can neither draw nor click them.
 * A new dependency of the handlers goes here, with the answer of a user who cancels as its default.
 */
export interface Dialogs {
  /** The vault folder dialog; undefined when cancelled. */
  chooseFolder(): Promise<string | undefined>;
  /** The "Add files" dialog; [] when cancelled. */
  chooseFilesToImport(): Promise<string[]>;
  /** The "Add folder" dialog; undefined when cancelled. */
  chooseFolderToImport(): Promise<string | undefined>;
  /** Where to export several items; undefined when cancelled. */
  chooseExportFolder(): Promise<string | undefined>;
  /** Where to save one exported item; undefined when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | undefined>;
  /** "Connect Coffer to this storage?"; false is Cancel. */
  confirmStorage(summary: StorageSummary): Promise<boolean>;
  /** shell.openExternal. */
  openExternal(url: string): Promise<void>;
  /** The clipboard. */
  copyText(text: string): Promise<void>;
}

export type DialogName = keyof Dialogs;

/** One question main asked, with its arguments, in order. */
export interface DialogCall {
  name: DialogName;
  args: unknown[];
}

const cancelled: Dialogs = {
  chooseFolder: async () => undefined,
  chooseFilesToImport: async () => [],
  chooseFolderToImport: async () => undefined,
  chooseExportFolder: async () => undefined,
  chooseSavePath: async () => undefined,
  confirmStorage: async () => false,
  openExternal: async () => {},
  copyText: async () => {},
};

/**
 * Dialogs a scenario scripts step by step: `answers` starts as a user who cancels everything and
 * may be reassigned at any time (`answers.chooseFolder = async () => dir`); `deps` is what main is
 * given, and looks the answer up on every call, recording it in `calls`.
 */
export function scriptedDialogs(): { answers: Dialogs; calls: DialogCall[]; deps: Dialogs } {
  const answers: Dialogs = { ...cancelled };
  const calls: DialogCall[] = [];
  const deps = Object.fromEntries(
    (Object.keys(cancelled) as DialogName[]).map((name) => [
      name,
      (...args: unknown[]) => {
        calls.push({ name, args });
        return (answers[name] as (...a: unknown[]) => Promise<unknown>)(...args);
      },
    ]),
  ) as unknown as Dialogs;
  return { answers, calls, deps };
}
