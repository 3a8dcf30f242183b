/**
 * The names of every request and event that crosses the IPC boundary, and the channels they travel
 * on. Kept apart from the schemas so the sandboxed preload can generate its API without bundling zod.
 */

/** Requests the renderer makes of main; each answers with an IpcResult. */
export const callNames = [
  'createVault',
  'chooseVaultFolder',
  'unlock',
  'unlockRemembered',
  'forgetRemembered',
  'lock',
  'status',
  'listItems',
  'vaultUsage',
  'importDropped',
  'addFiles',
  'addFolder',
  'cancelImport',
  'cancelAllImports',
  'retryImport',
  'renameItem',
  'deleteItem',
  'exportItem',
  'exportItems',
  'getSettings',
  'setSettings',
  'changePassphrase',
  'forgetSecrets',
  'testConnection',
  'mediaUrl',
  'savePosition',
  'previewText',
  'externalPlayer',
] as const;

/** Events main pushes to the renderer. */
export const eventNames = ['importProgress', 'catalogChanged', 'locked'] as const;

export type CallName = (typeof callNames)[number];
export type EventName = (typeof eventNames)[number];

/** The channel a request travels on. */
export function callChannel(name: CallName): `coffer:call:${CallName}` {
  return `coffer:call:${name}`;
}

/** The channel an event travels on. */
export function eventChannel(name: EventName): `coffer:event:${EventName}` {
  return `coffer:event:${name}`;
}
