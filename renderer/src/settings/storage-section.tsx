import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocationView, VaultUsage } from '../../../contract/ipc.js';
import { coffer } from '../coffer.js';
import { useFormat } from '../i18n/format.js';
import { useErrorText } from '../i18n/error-text.js';
import { LocationSummary } from '../location/location-summary.js';

/** Where the open vault lives and how much it holds, from its catalog. */
export function StorageSection({ location }: { location: LocationView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const [usage, setUsage] = useState<VaultUsage | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    coffer.vaultUsage().then(
      (answer) => live && setUsage(answer),
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, []);

  const stats = [
    [t('settings.storage.items'), usage && format.number(usage.items)],
    [t('settings.storage.size'), usage && format.bytes(usage.bytes)],
    [t('settings.storage.stored'), usage && format.bytes(usage.storedBytes)],
  ] as const;
  return (
    <section className="settings-section" aria-labelledby="settings-storage">
      <h3 id="settings-storage">{t('settings.storage.title')}</h3>
      <div className="settings-location">
        <LocationSummary location={location} />
      </div>
      {error !== null ? (
        <p className="field-error">{errorText(error).sentence}</p>
      ) : (
        <>
          <dl className="usage-stats" aria-busy={usage === null}>
            {stats.map(([label, value]) => (
              <div key={label} className="usage-stat">
                <dt>{label}</dt>
                <dd>{value ?? '–'}</dd>
              </div>
            ))}
          </dl>
          <p className="field-hint">{t('settings.storage.storedHint')}</p>
        </>
      )}
    </section>
  );
}
