import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SettingsView, VaultStatus } from '../../contract/ipc.js';
import { SettingsDialog } from '../../renderer/src/settings/settings-dialog.js';
import { alertSaying, isDisabled } from './support/dom.js';
import { defaultSettings, renderScreen, scriptCoffer, type Answers, type ScriptedCoffer } from './support/render.js';

const FOLDER = '/home/me/.local/share/Coffer/vault';
const STRONG = 'correct horse battery staple';
const status: VaultStatus = {
  state: 'unlocked',
  location: { kind: 'folder', path: FOLDER },
  rememberedUnlock: false,
  defaultFolder: FOLDER,
  locationHasVault: true,
  recent: [],
};

/** Main's settings as a store: setSettings changes what it names and answers the whole. */
function scriptSettings(answers: Answers = {}): ScriptedCoffer {
  let settings: SettingsView = { ...defaultSettings };
  return scriptCoffer({
    vaultUsage: { items: 1284, bytes: 48_300_000_000, storedBytes: 41_900_000_000 },
    setSettings: (change) => (settings = { ...settings, ...(change as Partial<SettingsView>) }),
    ...answers,
  });
}
const callsTo = (api: ScriptedCoffer, name: string) => api.calls.filter((call) => call.name === name).map((call) => call.input);

async function open() {
  const onClose = vi.fn();
  await renderScreen(<SettingsDialog status={status} onClose={onClose} />);
  return { user: userEvent.setup(), onClose };
}

describe('the settings dialog', () => {
  it('shows where the vault lives, its items, size and stored bytes', async () => {
    scriptSettings();
    await open();
    expect(screen.getByText(FOLDER)).toBeTruthy();
    await screen.findByText('1,284');
    expect(screen.getByText('48.3 GB')).toBeTruthy();
    expect(screen.getByText('41.9 GB')).toBeTruthy();
  });

  it('switches the language live: every string turns Korean at once', async () => {
    const api = scriptSettings();
    const { user } = await open();
    expect(screen.getByRole('radio', { name: 'English' })).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: '한국어' }));
    await screen.findByRole('heading', { name: '설정' });
    expect(screen.getByRole('heading', { name: '보안' })).toBeTruthy();
    const language = screen.getByRole('radiogroup', { name: '언어' });
    expect(within(language).getAllByRole('radio').map((radio) => radio.parentElement!.textContent)).toEqual(['시스템 설정', 'English', '한국어']);
    expect(callsTo(api, 'setSettings')).toEqual([{ language: 'ko' }]);
  });

  it('applies the theme at once, on the document', async () => {
    const api = scriptSettings();
    const { user } = await open();
    expect(document.documentElement.dataset.theme).toBe('light');
    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(callsTo(api, 'setSettings')).toEqual([{ theme: 'dark' }]);
    const group = screen.getByRole('radiogroup', { name: 'Theme' });
    expect(within(group).getAllByRole('radio').map((radio) => (radio as HTMLInputElement).checked)).toEqual([false, false, true]);
  });

  it('sets the auto-lock minutes, never included', async () => {
    const api = scriptSettings();
    const { user } = await open();
    const select = screen.getByRole('combobox', { name: 'Lock when idle' });
    expect(within(select).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Never',
      '1 minute',
      '5 minutes',
      '10 minutes',
      '15 minutes',
      '30 minutes',
      '60 minutes',
    ]);
    await user.selectOptions(select, '30 minutes');
    await user.selectOptions(select, 'Never');
    expect(callsTo(api, 'setSettings')).toEqual([{ autoLockMinutes: 30 }, { autoLockMinutes: 0 }]);
  });

  it('sets how many files import at once, 1 to 4', async () => {
    const api = scriptSettings();
    const { user } = await open();
    const group = screen.getByRole('radiogroup', { name: 'Files imported at once' });
    expect(within(group).getAllByRole('radio')).toHaveLength(4);
    await user.click(within(group).getByRole('radio', { name: '3' }));
    expect(callsTo(api, 'setSettings')).toEqual([{ parallelImports: 3 }]);
  });

  it('changes the passphrase with the current one and a strong new one typed twice', async () => {
    const api = scriptSettings();
    const { user } = await open();
    await user.click(screen.getByRole('button', { name: 'Change passphrase…' }));
    await user.type(screen.getByLabelText('Current passphrase'), 'the old one');
    await user.type(screen.getByLabelText('New passphrase'), STRONG);
    await user.type(screen.getByLabelText('Repeat new passphrase'), STRONG);
    const change = screen.getByRole('button', { name: 'Change passphrase' });
    await waitFor(() => expect(isDisabled(change)).toBe(false));
    await user.click(change);
    await screen.findByText('Passphrase changed.');
    expect(callsTo(api, 'changePassphrase')).toEqual([{ current: 'the old one', next: STRONG }]);
    expect(screen.getByRole('button', { name: 'Change passphrase…' })).toBeTruthy();
  });

  it('holds a new passphrase to the same rule as a new vault’s, saying why', async () => {
    scriptSettings();
    const { user } = await open();
    await user.click(screen.getByRole('button', { name: 'Change passphrase…' }));
    await user.type(screen.getByLabelText('Current passphrase'), 'the old one');
    await user.type(screen.getByLabelText('New passphrase'), 'password123');
    await user.type(screen.getByLabelText('Repeat new passphrase'), 'password123');
    await screen.findByText('This is a commonly used password.');
    expect(isDisabled(screen.getByRole('button', { name: 'Change passphrase' }))).toBe(true);
  });

  it('says a wrong current passphrase at its field, and keeps the form', async () => {
    scriptSettings({ changePassphrase: { code: 'WRONG_PASSPHRASE', message: 'x' } });
    const { user } = await open();
    await user.click(screen.getByRole('button', { name: 'Change passphrase…' }));
    await user.type(screen.getByLabelText('Current passphrase'), 'not it');
    await user.type(screen.getByLabelText('New passphrase'), STRONG);
    await user.type(screen.getByLabelText('Repeat new passphrase'), STRONG);
    await waitFor(() => expect(isDisabled(screen.getByRole('button', { name: 'Change passphrase' }))).toBe(false));
    await user.click(screen.getByRole('button', { name: 'Change passphrase' }));
    await alertSaying('That passphrase does not open this vault.');
    expect(screen.getByLabelText('Current passphrase').getAttribute('aria-invalid')).toBe('true');
  });

  it('forgets remembered secrets only once the user confirms', async () => {
    const api = scriptSettings();
    const { user } = await open();
    await user.click(screen.getByRole('button', { name: 'Forget…' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(callsTo(api, 'forgetSecrets')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Forget…' }));
    expect(screen.getByText(/Forget every passphrase and S3 secret this device remembers\?/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Forget' }));
    await screen.findByText('This device no longer remembers any passphrase or key.');
    expect(callsTo(api, 'forgetSecrets')).toEqual([undefined]);
  });

  it('closes with Done', async () => {
    scriptSettings();
    const { user, onClose } = await open();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
