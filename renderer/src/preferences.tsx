import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { CallInput, SettingsView } from '../../contract/ipc.js';
import { coffer } from './coffer.js';
import { resolveLocale, switchLocale } from './i18n/setup.js';
import { applyTheme } from './theme.js';

interface Preferences {
  settings: SettingsView;
  /** Saves the changed preferences in main and applies them at once. */
  update(change: CallInput<'setSettings'>): Promise<void>;
}

const PreferencesContext = createContext<Preferences | null>(null);

/** Holds the user's preferences as main keeps them, and keeps the page's language and theme in step. */
export function PreferencesProvider({ initial, children }: { initial: SettingsView; children: ReactNode }) {
  const [settings, setSettings] = useState(initial);
  useEffect(() => applyTheme(settings.theme), [settings.theme]);
  useEffect(() => void switchLocale(resolveLocale(settings.language)), [settings.language]);
  const update = useCallback(async (change: CallInput<'setSettings'>) => setSettings(await coffer.setSettings(change)), []);
  return <PreferencesContext.Provider value={{ settings, update }}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const preferences = useContext(PreferencesContext);
  if (!preferences) throw new Error('usePreferences outside PreferencesProvider');
  return preferences;
}
