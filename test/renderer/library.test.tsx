import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ItemSummaryView, VaultStatus } from '../../contract/ipc.js';
import { LibraryScreen } from '../../renderer/src/library/library-screen.js';
import { giveElementsSize } from './support/layout.js';
import { renderScreen, scriptCoffer, type Answers } from './support/render.js';

beforeAll(() => giveElementsSize());

const status: VaultStatus = {
  state: 'unlocked',
  location: { kind: 'folder', path: '/home/me/Vault' },
  rememberedUnlock: false,
  defaultFolder: '/home/me/Vault',
  locationHasVault: true,
  recent: [],
};

let next = 0;
const item = (name: string, extra: Partial<ItemSummaryView> = {}): ItemSummaryView => ({
  id: `item${next++}`,
  name,
  size: 1000,
  type: 'video/mp4',
  added: '2026-01-01T00:00:00Z',
  compressed: false,
  folder: '',
  ...extra,
});

const items = [
  item('Jeju sunrise.jpg', { type: 'image/jpeg', folder: 'Trips/2024/Jeju', size: 3_000_000, added: '2026-01-03T00:00:00Z' }),
  item('clip 10.mp4', { folder: 'Trips/2024', size: 100, added: '2026-01-01T00:00:00Z' }),
  item('clip 2.mp4', { size: 200, added: '2026-01-02T00:00:00Z' }),
  item('제주 바다.mp3', { type: 'audio/mpeg', folder: 'Music', size: 50, added: '2026-01-04T00:00:00Z' }),
  item('notes.md', { type: 'text/markdown', folder: 'Docs', size: 10, added: '2026-01-05T00:00:00Z' }),
  item('backup.zip', { type: 'application/zip', size: 5_000, added: '2026-01-06T00:00:00Z' }),
];

async function open(answers: Answers = {}, props: Partial<Parameters<typeof LibraryScreen>[0]> = {}) {
  const api = scriptCoffer({
    listItems: items,
    vaultUsage: { items: items.length, bytes: 3_006_360, storedBytes: 2_000_000 },
    mediaUrl: { url: 'vault://media/token', resumeAt: null },
    ...answers,
  });
  const callbacks = { onDismissSecretsNotice: vi.fn(), onOpenSettings: vi.fn() };
  await renderScreen(<LibraryScreen status={status} secretsNotStored={null} {...callbacks} {...props} />);
  if (Array.isArray(api.answers.listItems) && api.answers.listItems.length > 0) await screen.findByRole('listbox');
  return { api, ...callbacks, user: userEvent.setup() };
}

/** The tiles: the sort menu's options are options too. */
const tiles = () => (screen.queryByRole('listbox') ? within(screen.getByRole('listbox')).getAllByRole('option') : []);
const shownNames = () => tiles().map((option) => option.querySelector('.tile-name')!.textContent);
const tile = (name: string) => within(screen.getByRole('listbox')).getByRole('option', { name: new RegExp(name) });
const selectedNames = () =>
  tiles()
    .filter((option) => option.getAttribute('aria-selected') === 'true')
    .map((option) => option.querySelector('.tile-name')!.textContent);

describe('the library', () => {
  it('shows every item as a tile with its name, size and when it was added', async () => {
    await open();
    expect(tiles()).toHaveLength(items.length);
    expect(screen.getByRole('heading', { level: 1, name: 'All items' })).toBeTruthy();
    expect(screen.getByText('6 items')).toBeTruthy();
    const time = within(tile('clip 2.mp4')).getByText((_, element) => element?.tagName === 'TIME');
    expect(time.getAttribute('title')).toMatch(/2026/);
  });

  it('filters as you type, over names and folders', async () => {
    const { user } = await open();
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'jeju');
    await waitFor(() => expect(shownNames()).toEqual(['Jeju sunrise.jpg']));
    expect(screen.getByText('1 result')).toBeTruthy();
    await user.clear(screen.getByRole('searchbox', { name: 'Search' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'trips clip');
    await waitFor(() => expect(shownNames()).toEqual(['clip 10.mp4']));
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'zzz');
    await screen.findByRole('heading', { name: 'Nothing matches “trips clipzzz”' });
    await user.click(screen.getByRole('button', { name: 'Show all items' }));
    await waitFor(() => expect(shownNames()).toHaveLength(items.length));
  });

  it('sorts by name, date added, size and kind, each both ways', async () => {
    const { user } = await open();
    const sortBy = async (key: string) => user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), key);
    const flip = async () => user.click(screen.getByRole('button', { name: /^(Ascending|Descending)$/ }));
    // Newest first when the library opens.
    expect(shownNames()).toEqual(['backup.zip', 'notes.md', '제주 바다.mp3', 'Jeju sunrise.jpg', 'clip 2.mp4', 'clip 10.mp4']);
    await flip();
    expect(shownNames()).toEqual(['clip 10.mp4', 'clip 2.mp4', 'Jeju sunrise.jpg', '제주 바다.mp3', 'notes.md', 'backup.zip']);
    await sortBy('Name');
    expect(shownNames()).toEqual(['backup.zip', 'clip 2.mp4', 'clip 10.mp4', 'Jeju sunrise.jpg', 'notes.md', '제주 바다.mp3']);
    await flip();
    expect(shownNames()).toEqual(['제주 바다.mp3', 'notes.md', 'Jeju sunrise.jpg', 'clip 10.mp4', 'clip 2.mp4', 'backup.zip']);
    await sortBy('Size');
    expect(shownNames()).toEqual(['Jeju sunrise.jpg', 'backup.zip', 'clip 2.mp4', 'clip 10.mp4', '제주 바다.mp3', 'notes.md']);
    await flip();
    expect(shownNames()).toEqual(['notes.md', '제주 바다.mp3', 'clip 10.mp4', 'clip 2.mp4', 'backup.zip', 'Jeju sunrise.jpg']);
    await sortBy('Kind');
    expect(shownNames()).toEqual(['clip 2.mp4', 'clip 10.mp4', 'Jeju sunrise.jpg', '제주 바다.mp3', 'notes.md', 'backup.zip']);
    await flip();
    expect(shownNames()).toEqual(['backup.zip', 'notes.md', '제주 바다.mp3', 'Jeju sunrise.jpg', 'clip 10.mp4', 'clip 2.mp4']);
  });

  it('sorts from the list view’s column headers too, and says which way', async () => {
    const { user } = await open();
    await user.click(screen.getByRole('radio', { name: 'List' }));
    const names = () => screen.getAllByRole('row').slice(1).map((row) => row.querySelector('.list-name')!.textContent);
    await user.click(screen.getByRole('button', { name: 'Size' }));
    expect(screen.getByRole('columnheader', { name: /Size/ }).getAttribute('aria-sort')).toBe('descending');
    expect(names()[0]).toBe('Jeju sunrise.jpg');
    await user.click(screen.getByRole('button', { name: 'Size' }));
    expect(screen.getByRole('columnheader', { name: /Size/ }).getAttribute('aria-sort')).toBe('ascending');
    expect(names()[0]).toBe('notes.md');
  });

  it('lists the columns name, folder, kind, size and date added', async () => {
    const { user } = await open();
    await user.click(screen.getByRole('radio', { name: 'List' }));
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['Name', 'Folder', 'Kind', 'Size', 'Added']);
    const row = screen.getAllByRole('row').find((each) => each.textContent?.includes('Jeju sunrise.jpg'))!;
    const cells = within(row).getAllByRole('gridcell').map((cell) => cell.textContent);
    expect(cells.slice(0, 4)).toEqual(['Jeju sunrise.jpg', 'Trips/2024/Jeju', 'Photo', '3 MB']);
  });

  it('filters by kind from the sidebar, with each kind’s count', async () => {
    const { user } = await open();
    const photos = screen.getByRole('button', { name: /^Photos/ });
    expect(photos.textContent).toContain('1');
    await user.click(photos);
    expect(shownNames()).toEqual(['Jeju sunrise.jpg']);
    expect(screen.getByRole('heading', { level: 1, name: 'Photos' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^Documents/ }));
    expect(shownNames()).toEqual(['notes.md']);
    await user.click(screen.getByRole('button', { name: /^Other/ }));
    expect(shownNames()).toEqual(['backup.zip']);
    await user.click(screen.getByRole('button', { name: /^All items/ }));
    expect(shownNames()).toHaveLength(items.length);
  });

  it('filters by folder, with the folders below it, and opens nested folders', async () => {
    const { user } = await open();
    await user.click(screen.getByRole('button', { name: /^Trips/ }));
    expect(shownNames().sort()).toEqual(['Jeju sunrise.jpg', 'clip 10.mp4']);
    expect(screen.getByRole('heading', { level: 1, name: 'Trips' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Show folders in Trips' }));
    await user.click(screen.getByRole('button', { name: 'Show folders in 2024' }));
    await user.click(screen.getByRole('button', { name: /^Jeju/ }));
    expect(shownNames()).toEqual(['Jeju sunrise.jpg']);
    // The chosen folder again: every item.
    await user.click(screen.getByRole('button', { name: /^Jeju/ }));
    expect(shownNames()).toHaveLength(items.length);
  });

  it('selects with a click, toggles with Ctrl, takes a range with Shift, all with Ctrl+A, none with Esc', async () => {
    const { user } = await open();
    // Shown newest first: backup.zip, notes.md, 제주 바다.mp3, Jeju sunrise.jpg, clip 2.mp4, clip 10.mp4
    await user.click(tile('notes.md'));
    expect(selectedNames()).toEqual(['notes.md']);
    expect(screen.getByText('1 selected')).toBeTruthy();
    await user.click(tile('clip 2.mp4'));
    expect(selectedNames()).toEqual(['clip 2.mp4']);
    await user.keyboard('{Control>}');
    await user.click(tile('backup.zip'));
    await user.keyboard('{/Control}');
    expect(selectedNames()).toEqual(['backup.zip', 'clip 2.mp4']);
    await user.keyboard('{Shift>}');
    await user.click(tile('notes.md'));
    await user.keyboard('{/Shift}');
    expect(selectedNames()).toEqual(['backup.zip', 'notes.md']);
    await user.click(tile('제주 바다.mp3'));
    await user.keyboard('{Shift>}');
    await user.click(tile('clip 10.mp4'));
    await user.keyboard('{/Shift}');
    expect(selectedNames()).toEqual(['제주 바다.mp3', 'Jeju sunrise.jpg', 'clip 2.mp4', 'clip 10.mp4']);
    await user.keyboard('{Control>}a{/Control}');
    expect(selectedNames()).toHaveLength(items.length);
    expect(screen.getByText('6 selected')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(selectedNames()).toEqual([]);
  });

  it('moves the selection with the arrow keys, a row at a time up and down', async () => {
    const { user } = await open();
    await user.click(tile('backup.zip'));
    await user.keyboard('{ArrowRight}');
    expect(selectedNames()).toEqual(['notes.md']);
    await user.keyboard('{Shift>}{ArrowRight}{/Shift}');
    expect(selectedNames()).toEqual(['notes.md', '제주 바다.mp3']);
    // 1000 px wide: five columns, so down is five places on.
    await user.keyboard('{ArrowLeft}{ArrowDown}');
    expect(selectedNames()).toEqual(['clip 10.mp4']);
    await user.keyboard('{Home}');
    expect(selectedNames()).toEqual(['backup.zip']);
  });

  it('asks before deleting, naming the items, then deletes each', async () => {
    const { api, user } = await open();
    await user.click(tile('backup.zip'));
    await user.keyboard('{Shift>}');
    await user.click(tile('notes.md'));
    await user.keyboard('{/Shift}');
    await user.keyboard('{Delete}');
    const dialog = await screen.findByRole('dialog', { name: 'Delete 2 items?' });
    expect(within(dialog).getByText('backup.zip')).toBeTruthy();
    expect(within(dialog).getByText('notes.md')).toBeTruthy();
    expect(api.calls.filter((call) => call.name === 'deleteItem')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.calls.filter((call) => call.name === 'deleteItem').map((call) => call.input)).toEqual([{ id: items[5]!.id }, { id: items[4]!.id }]);
  });

  it('deletes nothing when the confirmation is cancelled', async () => {
    const { api, user } = await open();
    await user.click(tile('backup.zip'));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete “backup.zip”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.calls.some((call) => call.name === 'deleteItem')).toBe(false);
  });

  it('says which items could not be deleted, and why', async () => {
    const failing = items[4]!.id;
    const { user } = await open({ deleteItem: (input) => ((input as { id: string }).id === failing ? { code: 'STORE_UNAVAILABLE', message: 'down' } : null) });
    await user.click(tile('backup.zip'));
    await user.keyboard('{Shift>}');
    await user.click(tile('notes.md'));
    await user.keyboard('{/Shift}');
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    const report = await screen.findByRole('dialog', { name: 'Some items were not deleted' });
    expect(report.textContent).toContain('1 of 2 items could not be deleted');
    expect(report.textContent).toContain('notes.md');
    expect(report.textContent).toContain('The storage cannot be reached.');
  });

  it('renames one item, refusing an empty or slashed name', async () => {
    const target = items[4]!;
    const { api, user } = await open({ renameItem: (input) => ({ ...target, name: (input as { name: string }).name }) });
    await user.click(tile('notes.md'));
    await user.click(screen.getByRole('button', { name: 'Rename' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rename' });
    const field = within(dialog).getByRole('textbox', { name: 'Name' });
    const save = within(dialog).getByRole('button', { name: 'Rename' });
    expect(save).toHaveProperty('disabled', true);
    await user.clear(field);
    expect(within(dialog).getByText('Enter a name.')).toBeTruthy();
    await user.type(field, 'a/b');
    expect(within(dialog).getByText(/can’t contain/)).toBeTruthy();
    expect(save).toHaveProperty('disabled', true);
    await user.clear(field);
    await user.type(field, '  plans.md  ');
    await user.click(save);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.calls.filter((call) => call.name === 'renameItem').map((call) => call.input)).toEqual([{ id: target.id, name: 'plans.md' }]);
    await screen.findByText('Renamed to “plans.md”.');
  });

  it('offers Rename only for one item', async () => {
    const { user } = await open();
    await user.keyboard('{Tab}');
    await user.click(tile('backup.zip'));
    await user.keyboard('{Control>}a{/Control}');
    expect(screen.getByRole('button', { name: 'Rename' })).toHaveProperty('disabled', true);
  });

  it('exports one item with exportItem, several with exportItems', async () => {
    const { api, user } = await open({ exportItem: { path: '/home/me/notes.md' }, exportItems: { folder: '/home/me/Out', written: 2 } });
    await user.click(tile('notes.md'));
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    await screen.findByText('Saved to /home/me/notes.md');
    await user.keyboard('{Shift>}');
    await user.click(tile('backup.zip'));
    await user.keyboard('{/Shift}');
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    await screen.findByText('Exported 2 items to /home/me/Out');
    expect(api.calls.filter((call) => call.name === 'exportItem').map((call) => call.input)).toEqual([{ id: items[4]!.id }]);
    expect(api.calls.filter((call) => call.name === 'exportItems').map((call) => call.input)).toEqual([{ ids: [items[5]!.id, items[4]!.id] }]);
  });

  it('opens the viewer on Enter and on a double click', async () => {
    const { user } = await open({ previewText: { text: '# Notes', truncated: false } });
    await user.click(tile('notes.md'));
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('dialog', { name: 'notes.md' })).toBeTruthy();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await user.dblClick(tile('backup.zip'));
    expect(await screen.findByRole('dialog', { name: 'backup.zip' })).toBeTruthy();
  });

  it('reloads once for a burst of catalog changes', async () => {
    const { api } = await open();
    const listings = () => api.calls.filter((call) => call.name === 'listItems').length;
    expect(listings()).toBe(1);
    api.answers.listItems = [...items, item('new.mp4')];
    act(() => {
      for (let i = 0; i < 20; i++) api.emit('catalogChanged', { reason: 'import' });
    });
    await waitFor(() => expect(shownNames()).toContain('new.mp4'));
    expect(listings()).toBe(2);
  });

  it('asks for photos’ pictures only for displayable photos under the size cap', async () => {
    const big = item('panorama.jpg', { type: 'image/jpeg', size: 60_000_000 });
    const heic = item('phone.heic', { type: 'image/heic' });
    const { api } = await open({ listItems: [...items, big, heic] });
    await waitFor(() => expect(api.calls.some((call) => call.name === 'mediaUrl')).toBe(true));
    expect(api.calls.filter((call) => call.name === 'mediaUrl').map((call) => call.input)).toEqual([{ id: items[0]!.id }]);
    await waitFor(() => expect(tile('Jeju sunrise.jpg').querySelector('img')?.getAttribute('src')).toBe('vault://media/token'));
  });

  it('renders only the rows on screen of thousands of items', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => item(`file ${i}.mp4`));
    await open({ listItems: many });
    const shown = tiles().length;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(100);
    expect(tiles()[0]!.getAttribute('aria-setsize')).toBe('5000');
  });

  it('says what to do in an empty vault, and adds files or a folder from there', async () => {
    const { api, user } = await open({ listItems: [], addFiles: [], addFolder: [] });
    await screen.findByRole('heading', { name: 'Your vault is empty' });
    expect(screen.getByText(/Drop files or folders anywhere/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add files…' }));
    await user.click(screen.getByRole('button', { name: 'Add folder…' }));
    expect(api.calls.map((call) => call.name)).toEqual(expect.arrayContaining(['addFiles', 'addFolder']));
  });

  it('opens settings and locks from the toolbar', async () => {
    const { api, onOpenSettings, user } = await open();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    expect(onOpenSettings).toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Lock' }));
    expect(api.calls.some((call) => call.name === 'lock')).toBe(true);
  });

  it('shows the vault’s usage and location', async () => {
    await open();
    await screen.findByText('6 items · 3 MB');
    expect(screen.getByText('2 MB stored, compressed and encrypted')).toBeTruthy();
    expect(screen.getByText('/home/me/Vault')).toBeTruthy();
  });

  it('warns of items changed behind Coffer’s back until dismissed', async () => {
    const { user } = await open(
      {},
      { status: { ...status, anomalies: [{ id: 'x1', kind: 'vanished', name: 'old.mp4' }, { id: 'x2', kind: 'rolled-back', name: 'cat.jpg' }] } },
    );
    const banner = screen.getByRole('region', { name: '2 items changed outside Coffer' });
    expect(banner.textContent).toContain('“old.mp4” is gone from the storage.');
    expect(banner.textContent).toContain('“cat.jpg” went back to an earlier version.');
    await user.click(within(banner).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('region', { name: /changed outside Coffer/ })).toBeNull();
  });

  it('says when secrets could not be stored, and hands the dismissal to the app', async () => {
    const { onDismissSecretsNotice, user } = await open({}, { secretsNotStored: 'basic-text' });
    const notice = screen.getByRole('region', { name: 'Your secrets were not saved on this computer' });
    expect(notice.textContent).toContain('No system keyring answered');
    await user.click(within(notice).getByRole('button', { name: 'Dismiss' }));
    expect(onDismissSecretsNotice).toHaveBeenCalled();
  });

  it('imports what is dropped on the window, with a full-window overlay while dragging', async () => {
    const file = new File(['x'], 'dropped.mp4');
    const paths = new Map([[file, '/home/me/dropped.mp4']]);
    const api = scriptCoffer({ listItems: items, importDropped: [{ jobId: '0b3e1d9c-5f1a-4c4e-9d43-2f8b5c1a7e11', path: '/home/me/dropped.mp4', name: 'dropped.mp4', folder: '' }] }, paths);
    await renderScreen(<LibraryScreen status={status} secretsNotStored={null} onDismissSecretsNotice={() => {}} onOpenSettings={() => {}} />);
    await screen.findByRole('listbox');
    const dataTransfer = { types: ['Files'], files: [file], dropEffect: 'none' };
    fireEvent.dragEnter(window, { dataTransfer });
    expect(screen.getByText('Drop to add to your vault')).toBeTruthy();
    fireEvent.drop(window, { dataTransfer });
    expect(screen.queryByText('Drop to add to your vault')).toBeNull();
    await waitFor(() => expect(api.calls.filter((call) => call.name === 'importDropped').map((call) => call.input)).toEqual([{ paths: ['/home/me/dropped.mp4'] }]));
    await screen.findByText('dropped.mp4');
  });
});
