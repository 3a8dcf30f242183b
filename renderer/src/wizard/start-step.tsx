import { FolderOpen, Plus } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocationView } from '../../../contract/ipc.js';
import { RecentVaults } from '../location/recent-vaults.js';
import type { WizardMode } from './wizard-mode.js';

interface Props {
  recent: readonly LocationView[];
  onChoose: (mode: WizardMode) => void;
  onOpenRecent: (location: LocationView) => void;
  onCancel: (() => void) | undefined;
}

/** The first step: make a vault or open one, or open a vault used before with one click. */
export function StartStep({ recent, onChoose, onOpenRecent, onCancel }: Props) {
  const { t } = useTranslation();
  const recentId = useId();
  return (
    <div className="wizard-form">
      <div className="wizard-body">
        <div className="start-choices">
          {(
            [
              ['create', Plus, t('wizard.start.create'), t('wizard.start.createHint')],
              ['open', FolderOpen, t('wizard.start.open'), t('wizard.start.openHint')],
            ] as const
          ).map(([mode, Icon, title, hint]) => (
            <button key={mode} type="button" className="start-choice" onClick={() => onChoose(mode)}>
              <span className="start-choice-icon">
                <Icon size={20} aria-hidden />
              </span>
              <span className="start-choice-title">{title}</span>
              <span className="start-choice-hint">{hint}</span>
            </button>
          ))}
        </div>
        {recent.length > 0 && (
          <section className="start-recent">
            <h2 className="section-title" id={recentId}>
              {t('wizard.start.recent')}
            </h2>
            <RecentVaults labelledBy={recentId} locations={recent} onPick={onOpenRecent} />
          </section>
        )}
      </div>
      {onCancel && (
        <footer className="wizard-actions">
          <button type="button" className="button button-ghost" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </footer>
      )}
    </div>
  );
}
