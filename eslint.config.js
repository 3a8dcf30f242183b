// Lint enforces the layering described in docs/architecture.md: the vault core never sees Electron,
// the renderer never sees Node or the main process, and the preload sees only Electron and the
// IPC contract.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Raw IPC lives only in main/electron/ipc-registration.ts and preload/; use the contract.',
};

const noElectron = { name: 'electron', message: 'Only main/index.ts, main/electron/** and preload/ may import electron.' };
/** The Electron-free core, bottom first. */
const coreLayers = ['format', 'keys', 'store', 'catalog', 'pipeline', 'vault', 'protocol', 'settings', 'shell', 'ipc', 'cli'];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'coverage/', 'test/vectors/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // The Electron-free core, the CLI, tests, benchmarks and scripts: never Electron.
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['main/index.ts', 'main/electron/**', 'preload/**', 'renderer/**', 'test/e2e-electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  // Each core layer imports only the layers below it (docs/architecture.md).
  ...coreLayers.slice(0, -1).map((layer, i) => ({
    files: [`main/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: coreLayers.slice(i + 1).map((above) => `**/${above}/**`),
              message: `main/${layer} sits below ${coreLayers.slice(i + 1).join(', ')}: it may not import them.`,
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['main/index.ts', 'main/electron/**/*.ts'],
    ignores: ['main/electron/ipc-registration.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [rawIpc] }] },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', ...nodeBuiltins],
          patterns: [{ group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'The contract stands alone.' }],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Only the contract's zod-free modules: the sandboxed preload is one small bundled file.
          patterns: [
            {
              regex: '^(?!electron$|\\.\\./contract/(api|channels)\\.js$)',
              message: 'preload/ imports only electron and the IPC contract (contract/api.js, contract/channels.js).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', ...nodeBuiltins],
          patterns: [{ group: ['**/main/**', '**/preload/**'], message: 'The renderer talks to main only through window.coffer.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/coffer.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='window'][property.name='coffer']",
          message: 'Requests go through renderer/src/coffer.ts, the one place that talks to main.',
        },
      ],
    },
  },
);
