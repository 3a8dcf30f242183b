import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The no-restricted-imports messages ESLint reports for `code` as if it lived at `filePath`. */
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint keeps the layers apart', () => {
  it.each([
    ['main/electron/window.ts', "import { ipcMain } from 'electron';"],
    ['main/index.ts', "import { ipcMain } from 'electron';"],
    ['main/electron/menu.ts', "import { ipcRenderer } from 'electron';"],
    ['main/ipc/handlers.ts', "import { app } from 'electron';"],
    ['main/settings/secret-store.ts', "import { safeStorage } from 'electron';"],
    ['main/shell/app-protocol.ts', "import { protocol } from 'electron';"],
    ['main/vault/open-vault.ts', "import { app } from 'electron';"],
    ['renderer/src/app.tsx', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/app.tsx', "import { readFile } from 'node:fs/promises';"],
    ['renderer/src/app.tsx', "import { CofferError } from '../../main/errors.js';"],
    ['renderer/src/app.tsx', "import '../../preload/index.js';"],
    ['preload/index.ts', "import { readFile } from 'node:fs';"],
    ['preload/index.ts', "import { z } from 'zod';"],
    ['preload/index.ts', "import { calls } from '../contract/ipc.js';"],
    ['preload/index.ts', "import { CofferError } from '../main/errors.js';"],
    ['contract/ipc.ts', "import { ipcMain } from 'electron';"],
    ['contract/ipc.ts', "import { join } from 'node:path';"],
    ['contract/ipc.ts', "import { CofferError } from '../main/errors.js';"],
    ['main/catalog/catalog.ts', "import type { Vault } from '../vault/types.js';"],
    ['main/pipeline/upload.ts', "import { VaultSession } from '../vault/vault-session.js';"],
    ['main/format/layout.ts', "import { LocalFolderStore } from '../store/local-folder-store.js';"],
    ['main/store/s3-store.ts', "import { Catalog } from '../catalog/catalog.js';"],
    ['main/vault/open-vault.ts', "import { createHandlers } from '../ipc/handlers.js';"],
    ['main/ipc/handlers.ts', "import { runCli } from '../cli/run-cli.js';"],
  ])('refuses in %s: %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).not.toEqual([]);
  });

  it.each([
    ['main/electron/ipc-registration.ts', "import { ipcMain } from 'electron';"],
    ['preload/index.ts', "import { contextBridge, ipcRenderer } from 'electron';"],
    ['preload/index.ts', "import { buildApi } from '../contract/api.js';"],
    ['main/electron/window.ts', "import { BrowserWindow } from 'electron';"],
    ['renderer/src/app.tsx', "import type { CofferApi } from '../../contract/api.js';"],
    ['contract/ipc.ts', "import { z } from 'zod';"],
    ['main/pipeline/upload.ts', "import { Catalog } from '../catalog/catalog.js';"],
    ['main/cli/commands/serve.ts', "import { startLoopbackServer } from '../../protocol/loopback-server.js';"],
    ['test/e2e-electron/app.test.ts', "import { _electron } from 'playwright-core';"],
  ])('allows in %s: %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });
});
