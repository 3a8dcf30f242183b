import { cleanup, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { LocationView, LockReason, UnlockResult, VaultStatus } from '../../contract/ipc.js';
import { UnlockScreen } from '../../renderer/src/unlock/unlock-screen.js';
import { alertSaying, description, isDisabled } from './support/dom.js';
import { defaultSettings, renderScreen, scriptCoffer, type ScriptedCoffer } from './support/render.js';

const FOLDER = '/home/me/.local/share/Coffer/vault';
const s3: LocationView = {
  kind: 's3',
  bucket: 'media',
  prefix: 'coffer',
  endpoint: 'https://s3.us-west-004.backblazeb2.com',
  region: 'us-west-004',
  credentialSource: 'keys',
  accessKeyId: 'K004',
  hasStoredSecret: true,
};
const locked: VaultStatus = {
  state: 'locked',
  location: { kind: 'folder', path: FOLDER },
  rememberedUnlock: false,
  defaultFolder: FOLDER,
  locationHasVault: true,
  recent: [{ kind: 'folder', path: FOLDER }],
};
const opened = (status: VaultStatus): UnlockResult => ({ status: { ...status, state: 'unlocked' }, secretsNotStored: null });
const callsTo = (api: ScriptedCoffer, name: string) => api.calls.filter((call) => call.name === name).map((call) => call.input);

async function show(options: { status?: VaultStatus; lockReason?: LockReason | null; locale?: 'en' | 'ko'; settings?: typeof defaultSettings } = {}) {
  const onUnlocked = vi.fn();
  const onOpenWizard = vi.fn();
  await renderScreen(<UnlockScreen status={options.status ?? locked} lockReason={options.lockReason ?? null} onUnlocked={onUnlocked} onOpenWizard={onOpenWizard} />, {
    locale: options.locale ?? 'en',
    settings: options.settings,
  });
  return { user: userEvent.setup(), onUnlocked, onOpenWizard };
}

describe('the unlock screen', () => {
  it('shows where the vault is, and unlocks it with the typed passphrase', async () => {
    const result = opened(locked);
    const api = scriptCoffer({ unlock: result });
    const { user, onUnlocked } = await show();
    expect(screen.getByText(FOLDER)).toBeTruthy();
    expect(screen.getByText('This computer')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Passphrase'));
    await user.type(screen.getByLabelText('Passphrase'), 'my passphrase');
    await user.click(screen.getByRole('checkbox', { name: 'Remember on this device' }));
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(onUnlocked).toHaveBeenCalledWith(result));
    expect(callsTo(api, 'unlock')).toEqual([{ location: { kind: 'folder', path: FOLDER }, passphrase: 'my passphrase', remember: true }]);
  });

  it('says plainly that a wrong passphrase is wrong, at the field, and stays', async () => {
    scriptCoffer({ unlock: { code: 'WRONG_PASSPHRASE', message: 'x' } });
    const { user, onUnlocked } = await show();
    await user.type(screen.getByLabelText('Passphrase'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    const alert = await alertSaying('That passphrase does not open this vault.');
    const field = screen.getByLabelText('Passphrase');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(description(field)).toBe(alert.textContent);
    expect(onUnlocked).not.toHaveBeenCalled();
    expect(isDisabled(screen.getByRole('button', { name: 'Unlock' }))).toBe(false);

    await user.type(field, '!');
    expect(field.getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByText('That passphrase does not open this vault.')).toBeNull();
  });

  it('says another failure with its own sentence', async () => {
    scriptCoffer({ unlock: { code: 'STORE_UNAVAILABLE', message: 'ENOENT' } });
    const { user } = await show();
    await user.type(screen.getByLabelText('Passphrase'), 'pass');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await alertSaying('The storage cannot be reached. Check the location and your connection.');
    expect(screen.getByLabelText('Passphrase').getAttribute('aria-invalid')).toBe('false');
  });

  it('shows the key derivation as busy and disables the buttons meanwhile', async () => {
    scriptCoffer({ unlock: () => new Promise<UnlockResult>(() => {}) });
    const { user } = await show({ status: { ...locked, rememberedUnlock: true } });
    await user.type(screen.getByLabelText('Passphrase'), 'pass');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect((await screen.findByText('Deriving the key…')).closest('[role="status"]')).not.toBeNull();
    expect(isDisabled(screen.getByRole('button', { name: 'Unlock' }))).toBe(true);
    expect(isDisabled(screen.getByRole('button', { name: 'Unlock with remembered passphrase' }))).toBe(true);
    expect(isDisabled(screen.getByLabelText('Passphrase'))).toBe(true);
  });

  it('unlocks with the remembered passphrase in one click, where there is one', async () => {
    const result = opened(locked);
    const api = scriptCoffer({ unlockRemembered: result });
    const { user, onUnlocked } = await show({ status: { ...locked, rememberedUnlock: true } });
    await user.click(screen.getByRole('button', { name: 'Unlock with remembered passphrase' }));
    await waitFor(() => expect(onUnlocked).toHaveBeenCalledWith(result));
    expect(callsTo(api, 'unlockRemembered')).toEqual([undefined]);
    expect(callsTo(api, 'unlock')).toEqual([]);
  });

  it('offers no remembered unlock where none is remembered', async () => {
    scriptCoffer();
    await show();
    expect(screen.queryByRole('button', { name: 'Unlock with remembered passphrase' })).toBeNull();
  });

  it.each<[LockReason, string, string]>([
    ['user', 'Vault locked.', '보관함을 잠갔습니다.'],
    ['idle', 'Vault locked after 15 idle minutes.', '15분 동안 사용하지 않아 보관함을 잠갔습니다.'],
    ['suspend', 'Vault locked because the computer went to sleep.', '컴퓨터가 절전 모드로 전환되어 보관함을 잠갔습니다.'],
    ['lock-screen', 'Vault locked because the screen was locked.', '화면이 잠겨 보관함도 잠갔습니다.'],
  ])('says why the vault locked: %s', async (lockReason, english, korean) => {
    const settings = { ...defaultSettings, autoLockMinutes: 15 };
    scriptCoffer();
    await show({ lockReason, settings });
    expect(screen.getByText(english).closest('[role="status"]')).not.toBeNull();
    cleanup();
    await show({ lockReason, settings, locale: 'ko' });
    expect(screen.getByText(korean)).toBeTruthy();
  });

  it('says nothing about a lock when the app just started', async () => {
    scriptCoffer();
    await show();
    expect(screen.queryByText(/Vault locked/)).toBeNull();
  });

  it('switches to another recent vault and unlocks that one, its stored S3 secret left to main', async () => {
    const status = { ...locked, rememberedUnlock: true, recent: [locked.location, s3] };
    const api = scriptCoffer({ unlock: opened(status) });
    const { user } = await show({ status });
    await user.click(screen.getByRole('button', { name: /^media\/coffer/ }));
    expect(screen.getByText('at s3.us-west-004.backblazeb2.com')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Unlock with remembered passphrase' })).toBeNull();
    expect(screen.queryByLabelText('Secret access key')).toBeNull();
    expect(screen.getByRole('button', { name: new RegExp(FOLDER) })).toBeTruthy();

    await user.type(screen.getByLabelText('Passphrase'), 'pass');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(callsTo(api, 'unlock')).toHaveLength(1));
    expect(callsTo(api, 'unlock')[0]).toEqual({
      location: { kind: 's3', bucket: 'media', prefix: 'coffer', endpoint: 'https://s3.us-west-004.backblazeb2.com', region: 'us-west-004', credentialSource: 'keys', accessKeyId: 'K004' },
      passphrase: 'pass',
      remember: false,
    });
  });

  it('asks for the S3 secret where this device does not keep it, and sends it', async () => {
    const bare = { ...s3, hasStoredSecret: false };
    const status = { ...locked, location: bare, recent: [bare] };
    const api = scriptCoffer({ unlock: opened(status) });
    const { user } = await show({ status });
    await user.type(screen.getByLabelText('Passphrase'), 'pass');
    expect(isDisabled(screen.getByRole('button', { name: 'Unlock' }))).toBe(true);
    await user.type(screen.getByLabelText('Secret access key'), 'shh');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(callsTo(api, 'unlock')).toHaveLength(1));
    expect(callsTo(api, 'unlock')[0]).toMatchObject({ location: { secretAccessKey: 'shh', accessKeyId: 'K004' } });
  });

  it('asks no secret of an S3 vault that uses the AWS profile or environment', async () => {
    const environment: LocationView = { kind: 's3', bucket: 'media', prefix: '', region: 'eu-west-1', credentialSource: 'environment', hasStoredSecret: false };
    scriptCoffer();
    await show({ status: { ...locked, location: environment, recent: [environment] } });
    expect(screen.queryByLabelText('Secret access key')).toBeNull();
    expect(screen.getByText('Amazon S3 · eu-west-1')).toBeTruthy();
  });

  it('opens the wizard to open another vault or create one', async () => {
    scriptCoffer();
    const { user, onOpenWizard } = await show();
    await user.click(screen.getByRole('button', { name: 'Open another vault or create one' }));
    expect(onOpenWizard).toHaveBeenCalledOnce();
  });

  it('says why it cannot remember the passphrase where no keyring is trusted', async () => {
    scriptCoffer();
    await show({ settings: { ...defaultSettings, secretStorage: 'unavailable' } });
    const remember = screen.getByRole('checkbox', { name: 'Remember on this device' });
    expect(isDisabled(remember)).toBe(true);
    expect(description(remember)).toBe('Coffer cannot remember it here: this device offers no secure place to keep it.');
  });
});
