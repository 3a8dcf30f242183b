import { Monitor, Moon, Sun } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PARALLEL_IMPORTS, type Language, type Theme } from '../../../contract/ipc.js';
import { useFormat } from '../i18n/format.js';
import { usePreferences } from '../preferences.js';
import { Segmented } from '../ui/segmented.js';
import { useToasts } from '../ui/toasts.js';
import { SettingsRow } from './settings-row.js';

/** Saves a preference; the provider applies it at once (a language switches every screen live). */
function useUpdate() {
  const { update } = usePreferences();
  const toasts = useToasts();
  return (change: Parameters<typeof update>[0]) => void update(change).catch(toasts.fail);
}

/** Language (each named in itself) and theme. */
export function AppearanceSection() {
  const { t } = useTranslation();
  const { settings } = usePreferences();
  const update = useUpdate();
  const languages: { value: Language; label: string }[] = [
    { value: 'system', label: t('settings.appearance.system') },
    { value: 'en', label: t('settings.appearance.languages.en') },
    { value: 'ko', label: t('settings.appearance.languages.ko') },
  ];
  const themes: { value: Theme; label: ReactNode }[] = [
    { value: 'system', label: <><Monitor size={14} aria-hidden />{t('settings.appearance.system')}</> },
    { value: 'light', label: <><Sun size={14} aria-hidden />{t('settings.appearance.light')}</> },
    { value: 'dark', label: <><Moon size={14} aria-hidden />{t('settings.appearance.dark')}</> },
  ];
  return (
    <section className="settings-section" aria-labelledby="settings-appearance">
      <h3 id="settings-appearance">{t('settings.appearance.title')}</h3>
      <SettingsRow label={t('settings.appearance.language')}>
        {(labelId) => <Segmented labelledBy={labelId} options={languages} value={settings.language} onChange={(language) => update({ language })} />}
      </SettingsRow>
      <SettingsRow label={t('settings.appearance.theme')}>
        {(labelId) => <Segmented labelledBy={labelId} options={themes} value={settings.theme} onChange={(theme) => update({ theme })} />}
      </SettingsRow>
    </section>
  );
}

/** How many files import at once. */
export function ImportsSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const { settings } = usePreferences();
  const update = useUpdate();
  const counts = Array.from({ length: MAX_PARALLEL_IMPORTS }, (_, i) => ({ value: i + 1, label: format.number(i + 1) }));
  return (
    <section className="settings-section" aria-labelledby="settings-imports">
      <h3 id="settings-imports">{t('settings.imports.title')}</h3>
      <SettingsRow label={t('settings.imports.parallel')} hint={t('settings.imports.parallelHint')}>
        {(labelId) => (
          <Segmented labelledBy={labelId} options={counts} value={settings.parallelImports} onChange={(parallelImports) => update({ parallelImports })} />
        )}
      </SettingsRow>
    </section>
  );
}
