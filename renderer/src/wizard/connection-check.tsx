import { CircleAlert, CircleCheck, PlugZap, TriangleAlert } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionReport, LocationInput } from '../../../contract/ipc.js';
import { coffer } from '../coffer.js';
import { Busy } from '../ui/busy.js';
import { InlineError } from '../ui/inline-error.js';
import type { WizardMode } from './wizard-mode.js';

type Tone = 'success' | 'warning' | 'error';

/** What a report means for what the user is about to do: its catalog key and how it should look. */
function reportMeaning(report: ConnectionReport, mode: WizardMode): { key: string; tone: Tone } {
  if (report.outcome !== 'reachable') return { key: report.outcome, tone: 'error' };
  if (report.contents === null) return { key: 'reachable', tone: 'success' };
  const fits = mode === 'create' ? report.contents === 'empty' : report.contents === 'vault';
  return { key: `${mode}.${report.contents}`, tone: fits ? 'success' : 'warning' };
}

const ICONS = { success: CircleCheck, warning: TriangleAlert, error: CircleAlert };

interface Props {
  /** The location to try, or null while its fields have problems. */
  location: LocationInput | null;
  mode: WizardMode;
  /** Asked for when the fields are not yet complete: show what is missing. */
  onIncomplete: () => void;
}

/** "Test connection": tries the storage without changing it and says what it found. */
export function ConnectionCheck({ location, mode, onIncomplete }: Props) {
  const { t } = useTranslation();
  const signature = JSON.stringify(location);
  // A result belongs to the fields it was made for; editing any of them makes it stale.
  const [result, setResult] = useState<{ signature: string; report?: ConnectionReport; error?: unknown } | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = result?.signature === signature ? result : null;

  const test = async () => {
    if (!location) return onIncomplete();
    setBusy(true);
    try {
      setResult({ signature, report: await coffer.testConnection({ location }) });
    } catch (error) {
      setResult({ signature, error });
    } finally {
      setBusy(false);
    }
  };

  const meaning = shown?.report && reportMeaning(shown.report, mode);
  const Icon = meaning && ICONS[meaning.tone];
  return (
    <div className="connection-check">
      <div className="connection-check-row">
        <button type="button" className="button" disabled={busy} onClick={() => void test()}>
          <PlugZap size={16} aria-hidden />
          {t('wizard.connection.test')}
        </button>
        {busy && <Busy text={t('wizard.connection.testing')} />}
      </div>
      {shown?.error !== undefined && <InlineError error={shown.error} />}
      {shown?.report && meaning && Icon && (
        <div className={`callout callout-${meaning.tone}`} role="status">
          <Icon size={18} aria-hidden className="callout-icon" />
          <div className="callout-body">
            <p>{t(`wizard.connection.outcome.${meaning.key}`)}</p>
            {shown.report.detail && <p className="small callout-detail">{shown.report.detail}</p>}
          </div>
        </div>
      )}
    </div>
  );
}
