import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ItemSummaryView } from '../../contract/ipc.js';
import { Viewer } from '../../renderer/src/viewer/viewer.js';
import { giveElementsSize } from './support/layout.js';
import { fakeMediaPlayback } from './support/media.js';
import { renderScreen, scriptCoffer, type Answers } from './support/render.js';

const media = fakeMediaPlayback();
beforeAll(() => {
  giveElementsSize();
  // jsdom has no PointerEvent; a MouseEvent carrying pointerId is what the photo view reads.
  window.PointerEvent ??= class extends MouseEvent {
    readonly pointerId: number;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerId = init.pointerId ?? 0;
    }
  } as typeof PointerEvent;
});
afterEach(() => vi.useRealTimers());

const item = (id: string, name: string, type: string, extra: Partial<ItemSummaryView> = {}): ItemSummaryView => ({
  id,
  name,
  size: 12_345_678,
  type,
  added: '2026-03-01T10:00:00Z',
  compressed: false,
  folder: 'Trips/Jeju',
  ...extra,
});
const film = item('film', 'holiday.mp4', 'video/mp4');
const song = item('song', '바다.mp3', 'audio/mpeg');
const photo = item('photo', 'sunrise.jpg', 'image/jpeg');
const notes = item('notes', 'notes.md', 'text/markdown');
const data = item('data', 'data.json', 'application/json');
const pdf = item('pdf', 'manual.pdf', 'application/pdf');
const all = [film, song, photo, notes, data, pdf];

function Harness({ items, start, onClose }: { items: ItemSummaryView[]; start: string; onClose: () => void }) {
  const [id, setId] = useState<string | null>(start);
  if (id === null) return null;
  return (
    <Viewer
      items={items}
      id={id}
      onNavigate={setId}
      onClose={() => {
        onClose();
        setId(null);
      }}
    />
  );
}

async function open(start: ItemSummaryView, answers: Answers = {}, items = all) {
  const api = scriptCoffer({ mediaUrl: { url: 'vault://media/token', resumeAt: null }, ...answers });
  const onClose = vi.fn();
  await renderScreen(<Harness items={items} start={start.id} onClose={onClose} />);
  return { api, onClose, user: userEvent.setup() };
}

const element = <K extends 'video' | 'audio'>(tag: K) =>
  waitFor(() => {
    const found = document.querySelector(tag);
    if (!found) throw new Error(`no ${tag} yet`);
    return found;
  });

async function openVideo(answers: Answers = {}, duration = 600) {
  const opened = await open(film, answers);
  const video = await element('video');
  act(() => media.loaded(video, duration, [[0, 60]]));
  return { ...opened, video };
}
const saved = (api: { calls: { name: string; input: unknown }[] }) => api.calls.filter((call) => call.name === 'savePosition').map((call) => call.input);

describe('the viewer', () => {
  it('shows the item’s name, size, date and folder, and closes on Esc', async () => {
    const { onClose, user } = await open(pdf);
    const viewer = screen.getByRole('dialog', { name: 'manual.pdf' });
    expect(viewer.textContent).toContain('12.3 MB · Added');
    expect(viewer.textContent).toContain('Trips/Jeju');
    expect(viewer.textContent).toContain('6 of 6');
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });

  it('goes to the previous and next item with the buttons, PageUp/PageDown and , .', async () => {
    const { user } = await open(photo);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('dialog', { name: 'notes.md' })).toBeTruthy();
    await user.keyboard('{PageDown}');
    expect(screen.getByRole('dialog', { name: 'data.json' })).toBeTruthy();
    await user.keyboard('.');
    expect(screen.getByRole('dialog', { name: 'manual.pdf' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Next' })).toHaveProperty('disabled', true);
    await user.keyboard(',');
    await user.keyboard('{PageUp}');
    expect(screen.getByRole('dialog', { name: 'notes.md' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    expect(screen.getByRole('dialog', { name: 'sunrise.jpg' })).toBeTruthy();
  });
});

describe('the player', () => {
  it('plays the vault:// URL main gives, with its own controls', async () => {
    const { api, video } = await openVideo();
    expect(video.getAttribute('src')).toBe('vault://media/token');
    expect(video.hasAttribute('controls')).toBe(false);
    expect(api.calls.filter((call) => call.name === 'mediaUrl').map((call) => call.input)).toEqual([{ id: 'film' }]);
    expect(screen.getByRole('slider', { name: 'Position' })).toBeTruthy();
    expect(document.querySelector('.player-time')!.textContent).toBe('0:00 / 10:00');
  });

  it('toggles play and pause with its button, Space and K', async () => {
    const { user, video } = await openVideo();
    await user.click(screen.getByRole('button', { name: 'Play' }));
    expect(video.paused).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    expect(video.paused).toBe(true);
    screen.getByRole('dialog').focus();
    await user.keyboard(' ');
    expect(video.paused).toBe(false);
    await user.keyboard('k');
    expect(video.paused).toBe(true);
  });

  it('seeks 5 s with ← →, 10 s with J L, and shows what is buffered', async () => {
    const { user, video } = await openVideo();
    screen.getByRole('dialog').focus();
    act(() => void (video.currentTime = 100));
    await user.keyboard('{ArrowRight}');
    expect(video.currentTime).toBe(105);
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(video.currentTime).toBe(95);
    await user.keyboard('l');
    expect(video.currentTime).toBe(105);
    await user.keyboard('j');
    expect(video.currentTime).toBe(95);
    expect(screen.getByRole('slider', { name: 'Position' }).getAttribute('aria-valuetext')).toBe('1:35 of 10:00');
    expect((document.querySelector('.seek-buffered') as HTMLElement).style.width).toBe('10%');
  });

  it('mutes with M and its button, and sets the volume with ↑ ↓', async () => {
    const { user, video } = await openVideo();
    screen.getByRole('dialog').focus();
    await user.keyboard('m');
    expect(video.muted).toBe(true);
    expect(screen.getByRole('button', { name: 'Unmute' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Unmute' }));
    expect(video.muted).toBe(false);
    screen.getByRole('dialog').focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(video.volume).toBeCloseTo(0.8);
    await user.keyboard('{ArrowUp}');
    expect(video.volume).toBeCloseTo(0.9);
  });

  it('changes the playback speed', async () => {
    const { user, video } = await openVideo();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Playback speed' }), '1.5×');
    expect(video.playbackRate).toBe(1.5);
  });

  it('lists its shortcuts on ?', async () => {
    const { user } = await openVideo();
    screen.getByRole('dialog').focus();
    await user.keyboard('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const what of ['Play or pause', 'Back or forward 5 seconds', 'Back or forward 10 seconds', 'Volume up or down', 'Mute or unmute', 'Full screen', 'Show these shortcuts']) {
      expect(within(help).getByText(what)).toBeTruthy();
    }
  });

  it('resumes where playback last stopped, offering to start over', async () => {
    const { user, video } = await openVideo({ mediaUrl: { url: 'vault://media/token', resumeAt: 120 } });
    expect(video.currentTime).toBe(120);
    expect(screen.getByText('Resumed at 2:00')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Start over' }));
    expect(video.currentTime).toBe(0);
  });

  it('starts from the beginning when the last stop was in the first seconds', async () => {
    const { video } = await openVideo({ mediaUrl: { url: 'vault://media/token', resumeAt: 3 } });
    expect(video.currentTime).toBe(0);
    expect(screen.queryByText(/Resumed/)).toBeNull();
  });

  it('saves the position on pause and on close, and forgets it once played to the end', async () => {
    const { api, user, video, onClose } = await openVideo();
    await user.click(screen.getByRole('button', { name: 'Play' }));
    act(() => void (video.currentTime = 42.7));
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    expect(saved(api)).toEqual([{ id: 'film', seconds: 42 }]);
    await user.click(screen.getByRole('button', { name: 'Play' }));
    act(() => void (video.currentTime = 598));
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(saved(api)).toEqual([
      { id: 'film', seconds: 42 },
      { id: 'film', seconds: null },
    ]);
  });

  it('saves where it is when it goes to another item, and null once it is near the end', async () => {
    const { api, user, video } = await openVideo();
    await user.click(screen.getByRole('button', { name: 'Play' }));
    act(() => void (video.currentTime = 300));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(saved(api)).toEqual([{ id: 'film', seconds: 300 }]);
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    const again = await element('video');
    act(() => media.loaded(again, 600));
    await user.click(screen.getByRole('button', { name: 'Play' }));
    act(() => void (again.currentTime = 595));
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    expect(saved(api)).toEqual([{ id: 'film', seconds: 300 }, { id: 'film', seconds: null }]);
  });

  it('saves every five seconds while playing', async () => {
    const { api, video } = await openVideo();
    vi.useFakeTimers();
    await act(async () => void (await video.play()));
    act(() => void (video.currentTime = 10));
    act(() => void vi.advanceTimersByTime(5000));
    act(() => void (video.currentTime = 15));
    act(() => void vi.advanceTimersByTime(5000));
    expect(saved(api)).toEqual([
      { id: 'film', seconds: 10 },
      { id: 'film', seconds: 15 },
    ]);
  });

  it('offers an external player for a format it cannot decode', async () => {
    const { api, user, video } = await openVideo({ externalPlayer: { url: 'http://127.0.0.1:5000/x' } });
    act(() => media.fail(video, 4));
    const problem = await within(screen.getByRole('dialog')).findByRole('alert');
    expect(problem.textContent).toContain('This file can’t be played here');
    expect(problem.textContent).toContain('HEVC');
    await user.click(within(problem).getByRole('button', { name: 'Open in external player' }));
    await user.click(within(problem).getByRole('button', { name: 'Copy link' }));
    await screen.findByText('Link copied. It works on this computer until the vault locks.');
    expect(api.calls.filter((call) => call.name === 'externalPlayer').map((call) => call.input)).toEqual([
      { id: 'film', action: 'open' },
      { id: 'film', action: 'copy' },
    ]);
  });

  it('offers to try again when the stream broke off', async () => {
    const { video } = await openVideo();
    act(() => media.fail(video, 2));
    const problem = await within(screen.getByRole('dialog')).findByRole('alert');
    expect(problem.textContent).toContain('Playback stopped');
    expect(within(problem).getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(within(problem).queryByRole('button', { name: 'Open in external player' })).toBeNull();
  });

  it('plays audio with the same controls', async () => {
    const { user } = await open(song);
    const audio = await element('audio');
    act(() => media.loaded(audio, 200));
    await user.click(screen.getByRole('button', { name: 'Play' }));
    expect(audio.paused).toBe(false);
    expect(document.querySelector('.player-time')!.textContent).toBe('0:00 / 3:20');
  });
});

describe('the photo view', () => {
  async function openPhoto() {
    const opened = await open(photo);
    const image = await screen.findByRole('img', { name: 'sunrise.jpg' });
    expect(image.getAttribute('src')).toBe('vault://media/token');
    Object.defineProperty(image, 'naturalWidth', { value: 2000 });
    Object.defineProperty(image, 'naturalHeight', { value: 1000 });
    fireEvent.load(image);
    return { ...opened, image };
  }
  const zoom = () => screen.getByLabelText('Zoom').textContent;

  it('fits the photo to the window, zooms with buttons and + - 0, and rotates for display', async () => {
    const { user, image } = await openPhoto();
    // 2000 × 1000 in a 1000 × 800 window.
    expect(zoom()).toBe('50%');
    await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(zoom()).toBe('63%');
    screen.getByRole('dialog').focus();
    await user.keyboard('+');
    expect(zoom()).toBe('78%');
    await user.keyboard('-');
    expect(zoom()).toBe('63%');
    await user.keyboard('0');
    expect(zoom()).toBe('50%');
    await user.click(screen.getByRole('button', { name: 'Rotate' }));
    // Turned on its side it is 2000 tall: it fits at 40%.
    expect(zoom()).toBe('40%');
    expect(image.style.transform).toContain('rotate(90deg)');
  });

  it('zooms with Ctrl and the wheel, and pans by dragging once zoomed', async () => {
    await openPhoto();
    const stage = document.querySelector('.photo-stage')!;
    fireEvent.wheel(stage, { deltaY: -100 });
    expect(zoom()).toBe('50%');
    fireEvent.wheel(stage, { deltaY: -100, ctrlKey: true });
    fireEvent.wheel(stage, { deltaY: -100, ctrlKey: true });
    expect(zoom()).toBe('78%');
    const image = screen.getByRole('img');
    fireEvent.pointerDown(stage, { button: 0, pointerId: 1, clientX: 500, clientY: 400 });
    fireEvent.pointerMove(stage, { pointerId: 1, clientX: 450, clientY: 400 });
    fireEvent.pointerUp(stage, { pointerId: 1 });
    expect(image.style.transform).toContain('translate(-50px, 0px)');
  });
});

describe('text and everything else', () => {
  it('shows text and Markdown as they are, in a scrollable view', async () => {
    await open(notes, { previewText: { text: '# Jeju\n\n- sea', truncated: false } });
    const body = await screen.findByLabelText('Contents of notes.md');
    expect(body.textContent).toBe('# Jeju\n\n- sea');
    expect(screen.queryByText(/Showing the first/)).toBeNull();
  });

  it('pretty-prints JSON that parses', async () => {
    await open(data, { previewText: { text: '{"a":1,"b":[true]}', truncated: false } });
    const body = await screen.findByLabelText('Contents of data.json');
    expect(body.textContent).toBe('{\n  "a": 1,\n  "b": [\n    true\n  ]\n}');
  });

  it('says when the text is only the start of the file', async () => {
    const { api, user } = await open(data, { previewText: { text: '{"a":', truncated: true }, exportItem: { path: null } });
    expect((await screen.findByLabelText('Contents of data.json')).textContent).toBe('{"a":');
    const note = screen.getByText('Showing the first 1 MB. Export the file to read all of it.');
    await user.click(within(note.parentElement!).getByRole('button', { name: 'Export…' }));
    expect(api.calls.filter((call) => call.name === 'exportItem')).toHaveLength(1);
  });

  it('offers the rest for export, saying what it is', async () => {
    const { api, user } = await open(pdf, { exportItem: { path: '/home/me/manual.pdf' } });
    expect(screen.getByText('application/pdf')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Export to open…' }));
    await screen.findByText('Saved to /home/me/manual.pdf');
    expect(api.calls.filter((call) => call.name === 'exportItem').map((call) => call.input)).toEqual([{ id: 'pdf' }]);
    expect(api.calls.some((call) => call.name === 'mediaUrl')).toBe(false);
  });
});
