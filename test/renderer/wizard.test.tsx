import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ConnectionReport, LocationView, UnlockResult, VaultStatus } from '../../contract/ipc.js';
import { Wizard } from '../../renderer/src/wizard/wizard.js';
import { alertSaying, description, isDisabled } from './support/dom.js';
import { defaultSettings, renderScreen, scriptCoffer, type ScriptedCoffer } from './support/render.js';

const DEFAULT_FOLDER = '/home/me/.local/share/Coffer/vault';
const STRONG = 'correct horse battery staple';
const ACCOUNT = '0123456789abcdef0123456789abcdef';

const firstRun: VaultStatus = {
  state: 'locked',
  location: { kind: 'folder', path: DEFAULT_FOLDER },
  rememberedUnlock: false,
  defaultFolder: DEFAULT_FOLDER,
  locationHasVault: false,
  recent: [],
};
const unlocked = (location: LocationView): UnlockResult => ({
  status: { ...firstRun, state: 'unlocked', location, recent: [location] },
  secretsNotStored: null,
});

const callsTo = (api: ScriptedCoffer, name: string) => api.calls.filter((call) => call.name === name).map((call) => call.input);

async function start(options: { status?: VaultStatus; locale?: 'en' | 'ko'; settings?: typeof defaultSettings; onCancel?: () => void } = {}) {
  const onUnlocked = vi.fn();
  const user = userEvent.setup();
  await renderScreen(<Wizard status={options.status ?? firstRun} onUnlocked={onUnlocked} onCancel={options.onCancel} />, {
    locale: options.locale ?? 'en',
    settings: options.settings,
  });
  return { user, onUnlocked };
}

type User = ReturnType<typeof userEvent.setup>;

async function toS3(user: User, service: string) {
  await user.click(screen.getByRole('button', { name: /Create a new vault/ }));
  await user.click(screen.getByRole('radio', { name: /S3-compatible storage/ }));
  await user.click(screen.getByRole('radio', { name: service }));
}

async function fillKeys(user: User, bucket = 'photos') {
  await user.type(screen.getByLabelText('Bucket'), bucket);
  await user.type(screen.getByLabelText('Access key ID'), 'AKIA1');
  await user.type(screen.getByLabelText('Secret access key'), 'shh');
}

async function typeNewPassphrase(user: User, first: string, second = first) {
  await user.type(screen.getByLabelText('Passphrase'), first);
  await user.type(screen.getByLabelText('Repeat passphrase'), second);
}

describe('the wizard', () => {
  it('creates a folder vault in the folder picked in the native dialog, with the typed passphrase', async () => {
    const picked = '/media/usb/Vault';
    const result = unlocked({ kind: 'folder', path: picked });
    const api = scriptCoffer({ chooseVaultFolder: { path: picked }, createVault: result });
    const { user, onUnlocked } = await start();

    await user.click(screen.getByRole('button', { name: /Create a new vault/ }));
    expect(screen.getByLabelText('Vault folder').textContent).toBe(DEFAULT_FOLDER);
    await user.click(screen.getByRole('button', { name: 'Choose folder…' }));
    await waitFor(() => expect(screen.getByLabelText('Vault folder').textContent).toBe(picked));
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await typeNewPassphrase(user, STRONG);
    await user.click(screen.getByRole('checkbox', { name: 'I understand that a lost passphrase cannot be recovered' }));
    await user.click(screen.getByRole('checkbox', { name: 'Remember on this device' }));
    const create = screen.getByRole('button', { name: 'Create vault' });
    await waitFor(() => expect(isDisabled(create)).toBe(false));
    await user.click(create);

    await waitFor(() => expect(onUnlocked).toHaveBeenCalledWith(result));
    expect(callsTo(api, 'createVault')).toEqual([{ location: { kind: 'folder', path: picked }, passphrase: STRONG, remember: true }]);
  });

  it('keeps the folder when the native dialog is cancelled, and never offers a typed path', async () => {
    scriptCoffer({ chooseVaultFolder: { path: null } });
    const { user } = await start();
    await user.click(screen.getByRole('button', { name: /Create a new vault/ }));
    await user.click(screen.getByRole('button', { name: 'Choose folder…' }));
    expect(screen.getByLabelText('Vault folder').textContent).toBe(DEFAULT_FOLDER);
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('builds Cloudflare R2’s endpoint from the account id, and tests and creates there', async () => {
    const api = scriptCoffer({ testConnection: { outcome: 'reachable', contents: 'empty', detail: '' } });
    const { user } = await start();
    await toS3(user, 'Cloudflare R2');
    await user.type(screen.getByLabelText('Account ID'), ACCOUNT);
    expect(screen.getByText(`https://${ACCOUNT}.r2.cloudflarestorage.com`)).toBeTruthy();
    await fillKeys(user);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));

    await screen.findByText('Connected. This place is empty and ready for a new vault.');
    expect(callsTo(api, 'testConnection')).toEqual([
      {
        location: {
          kind: 's3',
          bucket: 'photos',
          prefix: '',
          credentialSource: 'keys',
          endpoint: `https://${ACCOUNT}.r2.cloudflarestorage.com`,
          region: 'auto',
          accessKeyId: 'AKIA1',
          secretAccessKey: 'shh',
        },
      },
    ]);
  });

  it.each([
    ['Amazon S3', 'ap-northeast-2', { region: 'ap-northeast-2' }],
    ['Backblaze B2', 'eu-central-003', { endpoint: 'https://s3.eu-central-003.backblazeb2.com', region: 'eu-central-003' }],
    ['Wasabi', 'ap-northeast-1', { endpoint: 'https://s3.ap-northeast-1.wasabisys.com', region: 'ap-northeast-1' }],
  ])('fills endpoint and region for %s from the region picked', async (service, region, address) => {
    const api = scriptCoffer();
    const { user } = await start();
    await toS3(user, service);
    await user.selectOptions(screen.getByLabelText('Region'), region);
    await fillKeys(user);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await typeNewPassphrase(user, STRONG);
    await user.click(screen.getByRole('checkbox', { name: /I understand/ }));
    await waitFor(() => expect(isDisabled(screen.getByRole('button', { name: 'Create vault' }))).toBe(false));
    await user.click(screen.getByRole('button', { name: 'Create vault' }));
    await waitFor(() => expect(callsTo(api, 'createVault')).toHaveLength(1));
    expect(callsTo(api, 'createVault')[0]).toMatchObject({
      location: { kind: 's3', bucket: 'photos', credentialSource: 'keys', accessKeyId: 'AKIA1', secretAccessKey: 'shh', ...address },
    });
    if (!('endpoint' in address)) expect(callsTo(api, 'createVault')[0]).not.toHaveProperty('location.endpoint');
  });

  it('turns path-style requests on for MinIO, and asks “Other” for each of endpoint, region and path style', async () => {
    const api = scriptCoffer({ testConnection: { outcome: 'reachable', contents: null, detail: '' } });
    const { user } = await start();
    await toS3(user, 'MinIO');
    await user.type(screen.getByLabelText('Endpoint URL'), 'http://127.0.0.1:9000');
    await fillKeys(user);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText('Connected.');
    expect(callsTo(api, 'testConnection')[0]).toMatchObject({ location: { endpoint: 'http://127.0.0.1:9000', forcePathStyle: true } });
    expect(callsTo(api, 'testConnection')[0]).not.toHaveProperty('location.region');

    await user.click(screen.getByRole('radio', { name: 'Other S3-compatible' }));
    await user.type(screen.getByLabelText('Endpoint URL'), 'https://s3.example.com');
    await user.type(screen.getByLabelText('Region (optional)'), 'eu-1');
    await user.click(screen.getByRole('checkbox', { name: /Path-style requests/ }));
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(callsTo(api, 'testConnection')).toHaveLength(2));
    expect(callsTo(api, 'testConnection')[1]).toMatchObject({ location: { endpoint: 'https://s3.example.com', region: 'eu-1', forcePathStyle: true } });
  });

  it('sends neither key nor secret with “My AWS profile or environment”', async () => {
    const api = scriptCoffer({ testConnection: { outcome: 'reachable', contents: null, detail: '' } });
    const { user } = await start();
    await toS3(user, 'Amazon S3');
    await user.type(screen.getByLabelText('Bucket'), 'photos');
    await user.click(screen.getByRole('radio', { name: 'My AWS profile or environment' }));
    expect(screen.queryByLabelText('Access key ID')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(callsTo(api, 'testConnection')).toHaveLength(1));
    expect(callsTo(api, 'testConnection')[0]).toEqual({ location: { kind: 's3', bucket: 'photos', prefix: '', credentialSource: 'environment', region: 'us-east-1' } });
  });

  it.each<[ConnectionReport['outcome'], ConnectionReport['contents'], string]>([
    ['reachable', 'empty', 'Connected. This place is empty and ready for a new vault.'],
    ['reachable', 'vault', 'Connected. There is already a vault here: open it instead, or choose another prefix.'],
    ['reachable', 'other-files', 'Connected, but this place holds other files. A vault needs a place of its own: add a prefix, or choose another bucket.'],
    ['bucket-missing', null, 'The storage answered, but it has no bucket with this name. Check the name and region, or create the bucket first.'],
    ['access-denied', null, 'The storage refused these credentials for this bucket. Check the access key and its permissions.'],
    ['tls-error', null, 'The storage’s certificate was not accepted: it may be self-signed, expired, or for another host.'],
    ['unreachable', null, 'Nothing answered at this address. Check the endpoint and your connection.'],
  ])('says what “Test connection” found: %s %s, with the storage’s own words in small text', async (outcome, contents, sentence) => {
    scriptCoffer({ testConnection: { outcome, contents, detail: 'the service said so' } });
    const { user } = await start();
    await toS3(user, 'Amazon S3');
    await fillKeys(user);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const report = (await screen.findByText(sentence)).closest('.callout')!;
    expect((within(report as HTMLElement).getByText('the service said so')).classList.contains('small')).toBe(true);
  });

  it('says, when opening, whether a vault was found', async () => {
    scriptCoffer({ testConnection: { outcome: 'reachable', contents: 'vault', detail: '' } });
    const { user } = await start();
    await user.click(screen.getByRole('button', { name: /Open an existing vault/ }));
    await user.click(screen.getByRole('radio', { name: /S3-compatible storage/ }));
    await fillKeys(user);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText('Connected. There is a vault here.');
  });

  it('forgets a test’s result once a field changes', async () => {
    scriptCoffer({ testConnection: { outcome: 'access-denied', contents: null, detail: '' } });
    const { user } = await start();
    await toS3(user, 'Amazon S3');
    await fillKeys(user);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(/refused these credentials/);
    await user.type(screen.getByLabelText('Bucket'), 's');
    expect(screen.queryByText(/refused these credentials/)).toBeNull();
  });

  it('says beside each field what is wrong, in words, and tests nothing until it is right', async () => {
    const api = scriptCoffer();
    const { user } = await start();
    await toS3(user, 'Other S3-compatible');
    await user.type(screen.getByLabelText('Endpoint URL'), 'http://minio.lan:9000');
    await user.type(screen.getByLabelText('Bucket'), 'My_Photos');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(screen.getByText(/The endpoint must use https\. Plain http is allowed only for a server on this computer/)).toBeTruthy();
    expect(screen.getByText(/A bucket name is 3 to 63 lowercase letters/)).toBeTruthy();
    expect(screen.getByText('Enter the access key ID.')).toBeTruthy();
    expect((screen.getByLabelText('Bucket')).getAttribute('aria-invalid')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByRole('heading', { name: 'Where should the vault live?' })).toBeTruthy();
    expect(api.calls.filter((call) => call.name === 'testConnection')).toEqual([]);
  });

  it.each([
    ['en', 'This is a commonly used password.', 'Too guessable'],
    ['ko', '흔히 쓰이는 암호입니다.', '너무 쉬움'],
  ] as const)('keeps Create disabled for a weak passphrase and says why (%s)', async (locale, reason, level) => {
    scriptCoffer();
    const { user } = await start({ locale });
    const ko = locale === 'ko';
    await user.click(screen.getByRole('button', { name: ko ? /새 보관함 만들기/ : /Create a new vault/ }));
    await user.click(screen.getByRole('button', { name: ko ? '계속' : 'Continue' }));
    await user.type(screen.getByLabelText(ko ? '암호' : 'Passphrase'), 'password123');
    await user.type(screen.getByLabelText(ko ? '암호 확인' : 'Repeat passphrase'), 'password123');
    await user.click(screen.getByRole('checkbox', { name: ko ? /이해했습니다/ : /I understand/ }));
    await screen.findByText(reason);
    expect((screen.getByRole('meter', { name: ko ? '암호 강도' : 'Passphrase strength' })).getAttribute('aria-valuetext')).toBe(level);
    expect(isDisabled(screen.getByRole('button', { name: ko ? '보관함 만들기' : 'Create vault' }))).toBe(true);
  });

  it('says a too-short passphrase is too short, however strong its characters', async () => {
    scriptCoffer();
    const { user } = await start();
    await user.click(screen.getByRole('button', { name: /Create a new vault/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.type(screen.getByLabelText('Passphrase'), 'Vq7-mR2x!');
    await screen.findByText('Use at least 10 characters (now 9).');
  });

  it('says when the two passphrases differ, and keeps Create disabled', async () => {
    scriptCoffer();
    const { user } = await start();
    await user.click(screen.getByRole('button', { name: /Create a new vault/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await typeNewPassphrase(user, STRONG, 'correct horse battery stable');
    await user.click(screen.getByRole('checkbox', { name: /I understand/ }));
    expect(screen.getByText('The two passphrases do not match.')).toBeTruthy();
    expect((screen.getByLabelText('Repeat passphrase')).getAttribute('aria-invalid')).toBe('true');
    await screen.findByRole('meter', { name: 'Passphrase strength' });
    await waitFor(() => expect((screen.getByRole('meter')).getAttribute('aria-valuetext')).toBe('Very strong'));
    expect(isDisabled(screen.getByRole('button', { name: 'Create vault' }))).toBe(true);
  });

  it('asks for the user’s word that a lost passphrase is gone before Create', async () => {
    scriptCoffer();
    const { user } = await start();
    await user.click(screen.getByRole('button', { name: /Create a new vault/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await typeNewPassphrase(user, STRONG);
    await waitFor(() => expect((screen.getByRole('meter')).getAttribute('aria-valuetext')).toBe('Very strong'));
    expect(screen.getByText(/Coffer cannot recover a lost passphrase/)).toBeTruthy();
    expect(isDisabled(screen.getByRole('button', { name: 'Create vault' }))).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: /I understand/ }));
    expect(isDisabled(screen.getByRole('button', { name: 'Create vault' }))).toBe(false);
  });

  it('shows the key derivation as busy, with every button disabled, until main answers', async () => {
    let answer!: (result: UnlockResult) => void;
    scriptCoffer({ createVault: () => new Promise<UnlockResult>((resolve) => (answer = resolve)) });
    const { user, onUnlocked } = await start();
    await user.click(screen.getByRole('button', { name: /Create a new vault/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await typeNewPassphrase(user, STRONG);
    await user.click(screen.getByRole('checkbox', { name: /I understand/ }));
    await waitFor(() => expect(isDisabled(screen.getByRole('button', { name: 'Create vault' }))).toBe(false));
    await user.click(screen.getByRole('button', { name: 'Create vault' }));

    expect((await screen.findByText('Deriving the key…')).closest('[role="status"]')).not.toBeNull();
    expect(isDisabled(screen.getByRole('button', { name: 'Create vault' }))).toBe(true);
    expect(isDisabled(screen.getByRole('button', { name: 'Back' }))).toBe(true);
    expect(isDisabled(screen.getByLabelText('Passphrase'))).toBe(true);
    const result = unlocked({ kind: 'folder', path: DEFAULT_FOLDER });
    answer(result);
    await waitFor(() => expect(onUnlocked).toHaveBeenCalledWith(result));
  });

  it('says LOCATION_NOT_EMPTY inline with its detail, and stays on the step', async () => {
    scriptCoffer({ createVault: { code: 'LOCATION_NOT_EMPTY', message: '/media/usb/Vault holds 3 other files' } });
    const { user, onUnlocked } = await start();
    await user.click(screen.getByRole('button', { name: /Create a new vault/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await typeNewPassphrase(user, STRONG);
    await user.click(screen.getByRole('checkbox', { name: /I understand/ }));
    await waitFor(() => expect(isDisabled(screen.getByRole('button', { name: 'Create vault' }))).toBe(false));
    await user.click(screen.getByRole('button', { name: 'Create vault' }));
    const alert = await alertSaying('This place already holds other files; a vault needs an empty folder of its own.');
    expect((alert).textContent).toContain('/media/usb/Vault holds 3 other files');
    expect(isDisabled(screen.getByRole('button', { name: 'Create vault' }))).toBe(false);
    expect(onUnlocked).not.toHaveBeenCalled();
  });

  it('offers to open the vault VAULT_EXISTS found, with the same location', async () => {
    const result = unlocked({ kind: 'folder', path: DEFAULT_FOLDER });
    const api = scriptCoffer({ createVault: { code: 'VAULT_EXISTS', message: 'x' }, unlock: result });
    const { user, onUnlocked } = await start();
    await user.click(screen.getByRole('button', { name: /Create a new vault/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await typeNewPassphrase(user, STRONG);
    await user.click(screen.getByRole('checkbox', { name: /I understand/ }));
    await waitFor(() => expect(isDisabled(screen.getByRole('button', { name: 'Create vault' }))).toBe(false));
    await user.click(screen.getByRole('button', { name: 'Create vault' }));
    await alertSaying('A vault already exists here. Open it instead.');

    await user.click(screen.getByRole('button', { name: 'Open it instead' }));
    expect(screen.getByRole('heading', { name: 'Enter the passphrase' })).toBeTruthy();
    await user.type(screen.getByLabelText('Passphrase'), 'the old one');
    await user.click(screen.getByRole('button', { name: 'Open vault' }));
    await waitFor(() => expect(onUnlocked).toHaveBeenCalledWith(result));
    expect(callsTo(api, 'unlock')).toEqual([{ location: { kind: 'folder', path: DEFAULT_FOLDER }, passphrase: 'the old one', remember: false }]);
  });

  it('opens a vault with its passphrase once, saying a wrong one at the field', async () => {
    scriptCoffer({ unlock: { code: 'WRONG_PASSPHRASE', message: 'x' } });
    const { user } = await start();
    await user.click(screen.getByRole('button', { name: /Open an existing vault/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.queryByLabelText('Repeat passphrase')).toBeNull();
    await user.type(screen.getByLabelText('Passphrase'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Open vault' }));
    await alertSaying('That passphrase does not open this vault.');
    expect((screen.getByLabelText('Passphrase')).getAttribute('aria-invalid')).toBe('true');
  });

  it('opens a recent vault in one click, asking for an S3 secret only where none is stored', async () => {
    const stored: LocationView = { kind: 's3', bucket: 'media', prefix: 'coffer', region: 'eu-west-1', credentialSource: 'keys', accessKeyId: 'AKIA1', hasStoredSecret: true };
    const missing: LocationView = { ...stored, bucket: 'other', hasStoredSecret: false };
    const api = scriptCoffer({ unlock: unlocked(stored) });
    const { user } = await start({ status: { ...firstRun, recent: [stored, missing] }, onCancel: () => {} });

    await user.click(screen.getByRole('button', { name: /^media\/coffer/ }));
    expect(screen.getByText('Step 2 of 2')).toBeTruthy();
    expect(screen.queryByLabelText('Secret access key')).toBeNull();
    await user.type(screen.getByLabelText('Passphrase'), 'pass');
    await user.click(screen.getByRole('button', { name: 'Open vault' }));
    await waitFor(() => expect(callsTo(api, 'unlock')).toHaveLength(1));
    expect(callsTo(api, 'unlock')[0]).toEqual({
      location: { kind: 's3', bucket: 'media', prefix: 'coffer', region: 'eu-west-1', credentialSource: 'keys', accessKeyId: 'AKIA1' },
      passphrase: 'pass',
      remember: false,
    });
  });

  it('asks a recent S3 vault without a stored secret for it, and sends it', async () => {
    const missing: LocationView = { kind: 's3', bucket: 'other', prefix: '', endpoint: 'https://s3.example.com', credentialSource: 'keys', accessKeyId: 'AKIA1', hasStoredSecret: false };
    const api = scriptCoffer({ unlock: unlocked(missing) });
    const { user } = await start({ status: { ...firstRun, recent: [missing] } });
    await user.click(screen.getByRole('button', { name: /^other/ }));
    await user.type(screen.getByLabelText('Passphrase'), 'pass');
    expect(isDisabled(screen.getByRole('button', { name: 'Open vault' }))).toBe(true);
    await user.type(screen.getByLabelText('Secret access key'), 'shh');
    await user.click(screen.getByRole('button', { name: 'Open vault' }));
    await waitFor(() => expect(callsTo(api, 'unlock')).toHaveLength(1));
    expect(callsTo(api, 'unlock')[0]).toMatchObject({ location: { secretAccessKey: 'shh', endpoint: 'https://s3.example.com' } });
  });

  it('offers “Remember on this device” only where the keychain is trusted, saying why not', async () => {
    scriptCoffer();
    const { user } = await start({ settings: { ...defaultSettings, secretStorage: 'basic-text' } });
    await user.click(screen.getByRole('button', { name: /Create a new vault/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const remember = screen.getByRole('checkbox', { name: 'Remember on this device' });
    expect(isDisabled(remember)).toBe(true);
    expect(description(remember)).toBe('Coffer cannot remember it here: this computer has no system keyring it can trust.');
  });

  it('goes back a step at a time, and back to the unlock screen with Cancel', async () => {
    scriptCoffer();
    const onCancel = vi.fn();
    const { user } = await start({ onCancel });
    await user.click(screen.getByRole('button', { name: /Create a new vault/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('heading', { name: 'Where should the vault live?' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('offers no Cancel on first run, where there is nothing to go back to', async () => {
    scriptCoffer();
    await start();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });
});
