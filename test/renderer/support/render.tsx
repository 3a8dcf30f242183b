/**
 * Renders a screen as the app does (i18n, preferences, toasts) over a scripted `window.coffer`, for
 * component tests in jsdom. The API is the contract's own buildApi over a transport that answers
 * from `answers`, so the screens meet exactly the shapes and {ok, error} results main sends.
 */
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { buildApi } from '../../../contract/api.js';
import { type CallName, type EventName, eventChannel } from '../../../contract/channels.js';
import type { IpcError } from '../../../contract/errors.js';
import type { CallOutput, EventPayload, SettingsView } from '../../../contract/ipc.js';
import { setupI18n, type Locale } from '../../../renderer/src/i18n/setup.js';
import { PreferencesProvider } from '../../../renderer/src/preferences.js';
import { ToastProvider } from '../../../renderer/src/ui/toasts.js';

type Answer<K extends CallName> = CallOutput<K> | IpcError | ((input: unknown) => CallOutput<K> | IpcError | Promise<CallOutput<K> | IpcError>);
export type Answers = { [K in CallName]?: Answer<K> };

export const defaultSettings: SettingsView = { autoLockMinutes: 10, language: 'en', theme: 'light', parallelImports: 2, secretStorage: 'available' };

export interface ScriptedCoffer {
  /** Every request the screen made, in order. */
  calls: { name: CallName; input: unknown }[];
  /** Plays one of main's events into the page. */
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  answers: Answers;
}

const isError = (value: unknown): value is IpcError =>
  typeof value === 'object' && value !== null && 'code' in value && 'message' in value && Object.keys(value).length === 2;

/** Installs a scripted window.coffer; unanswered requests resolve with null. */
export function scriptCoffer(answers: Answers = {}, paths: Map<File, string> = new Map()): ScriptedCoffer {
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const calls: ScriptedCoffer['calls'] = [];
  const api = buildApi({
    async invoke(channel, input) {
      const name = channel.replace('coffer:call:', '') as CallName;
      calls.push({ name, input });
      const answer = scripted.answers[name] as Answer<CallName> | undefined;
      const value = typeof answer === 'function' ? await answer(input) : (answer ?? null);
      return isError(value) ? { ok: false, error: value } : { ok: true, value };
    },
    on: (channel, listener) => void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(listener),
    off: (channel, listener) => void listeners.get(channel)?.delete(listener),
    pathForFile: (file) => paths.get(file) ?? '',
  });
  const scripted: ScriptedCoffer = {
    calls,
    answers,
    emit(name, payload) {
      for (const listener of listeners.get(eventChannel(name)) ?? []) listener({}, payload);
    },
  };
  Object.defineProperty(window, 'coffer', { value: api, configurable: true });
  return scripted;
}

/** Renders `ui` inside the app's providers, in `locale`. */
export async function renderScreen(ui: ReactNode, { locale = 'en', settings = defaultSettings }: { locale?: Locale; settings?: SettingsView } = {}): Promise<RenderResult> {
  await setupI18n(locale);
  return render(
    <PreferencesProvider initial={{ ...settings, language: locale }}>
      <ToastProvider>{ui}</ToastProvider>
    </PreferencesProvider>,
  );
}
