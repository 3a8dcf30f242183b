import { KeyRound, TriangleAlert, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { UnlockResult, VaultStatus } from '../../../contract/ipc.js';

type Anomaly = NonNullable<VaultStatus['anomalies']>[number];

// Where the command goes in the translated sentence, wherever each language puts it.
const COMMAND_SLOT = '\u0000';

/** The sentence with the command set as code, never broken across lines. */
function WithCommand({ text, command }: { text: string; command: string }) {
  const [before, after = ''] = text.split(COMMAND_SLOT);
  return (
    <>
      {before}
      <code className="banner-command">{command}</code>
      {after}
    </>
  );
}

/** Items that vanished or went back to an older revision behind Coffer's back: said plainly, until dismissed. */
export function AnomaliesBanner({ anomalies, onDismiss }: { anomalies: readonly Anomaly[]; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="callout callout-warning banner" aria-labelledby="anomalies-title">
      <TriangleAlert size={18} aria-hidden className="banner-icon" />
      <div className="banner-text">
        <h3 id="anomalies-title">{t('library.anomalies.title', { count: anomalies.length })}</h3>
        <ul className="banner-list">
          {anomalies.slice(0, 5).map((anomaly) => (
            <li key={anomaly.id}>{t(`library.anomalies.${anomaly.kind}`, { name: anomaly.name ?? t('library.anomalies.unnamed', { id: anomaly.id }) })}</li>
          ))}
          {anomalies.length > 5 && <li>{t('library.anomalies.more', { count: anomalies.length - 5 })}</li>}
        </ul>
        <p className="small">
          <WithCommand text={t('library.anomalies.hint', { command: COMMAND_SLOT })} command="coffer verify --acknowledge" />
        </p>
      </div>
      <button type="button" className="icon-button" aria-label={t('common.dismiss')} title={t('common.dismiss')} onClick={onDismiss}>
        <X size={16} aria-hidden />
      </button>
    </section>
  );
}

/** The user asked Coffer to remember a secret and it could not: why, and what it means next time. */
export function SecretsNotice({ reason, onDismiss }: { reason: NonNullable<UnlockResult['secretsNotStored']>; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="callout banner" aria-labelledby="secrets-title">
      <KeyRound size={18} aria-hidden className="banner-icon" />
      <div className="banner-text">
        <h3 id="secrets-title">{t('library.secrets.title')}</h3>
        <p>{t(`library.secrets.${reason}`)}</p>
      </div>
      <button type="button" className="icon-button" aria-label={t('common.dismiss')} title={t('common.dismiss')} onClick={onDismiss}>
        <X size={16} aria-hidden />
      </button>
    </section>
  );
}
