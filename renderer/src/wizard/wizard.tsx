import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocationInput, LocationView, UnlockResult, VaultStatus } from '../../../contract/ipc.js';
import { inputFromView, needsSecret } from '../location/location-input.js';
import { Gate } from '../ui/gate.js';
import type { WizardMode } from './wizard-mode.js';
import { PassphraseStep } from './passphrase-step.js';
import { PlaceStep, type PlaceDraft } from './place-step.js';
import { emptyS3Draft, s3Location } from './s3-draft.js';
import { StartStep } from './start-step.js';
import './wizard.css';

interface Props {
  status: VaultStatus;
  onUnlocked: (result: UnlockResult) => void;
  /** Back to the unlock screen; absent on first run, where there is nothing to go back to. */
  onCancel: (() => void) | undefined;
}

type Step = 'start' | 'place' | 'passphrase';

/**
 * First run, or another vault: create one or open one (1), say where it lives (2), and set or give
 * its passphrase (3). A vault used before skips the second step.
 */
export function Wizard({ status, onUnlocked, onCancel }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const [mode, setMode] = useState<WizardMode>('create');
  const [step, setStep] = useState<Step>('start');
  const [place, setPlace] = useState<PlaceDraft>(() => ({ kind: 'folder', folder: status.defaultFolder, s3: emptyS3Draft() }));
  const [showAllProblems, setShowAllProblems] = useState(false);
  const [recent, setRecent] = useState<LocationView | null>(null);

  // A new step is announced by moving focus to its title, unless its first field takes the focus.
  const mounted = useRef(false);
  useEffect(() => {
    if (mounted.current && step !== 'passphrase') titleRef.current?.focus();
    mounted.current = true;
  }, [step]);

  const location: LocationInput = recent ? inputFromView(recent) : place.kind === 'folder' ? { kind: 'folder', path: place.folder } : s3Location(place.s3);
  const steps = recent ? 2 : 3;
  const stepNumber = step === 'start' ? 1 : step === 'place' ? 2 : steps;
  const creating = mode === 'create';
  const [title, subtitle] = {
    start: [t('wizard.start.title'), t('wizard.start.subtitle')],
    place: [creating ? t('wizard.place.createTitle') : t('wizard.place.openTitle'), t('wizard.place.subtitle')],
    passphrase: creating
      ? [t('wizard.passphrase.createTitle'), t('wizard.passphrase.createSubtitle')]
      : [t('wizard.passphrase.openTitle'), t('wizard.passphrase.openSubtitle')],
  }[step];

  return (
    <Gate labelledBy={titleId} className="wizard">
      <header className="wizard-header">
        <div className="wizard-progress">
          <span className="wizard-step">{t('wizard.stepOf', { step: stepNumber, steps })}</span>
          <span className="wizard-dots" aria-hidden>
            {Array.from({ length: steps }, (_, i) => (
              <span key={i} className={i < stepNumber ? 'wizard-dot wizard-dot-on' : 'wizard-dot'} />
            ))}
          </span>
        </div>
        <h1 id={titleId} ref={titleRef} tabIndex={-1} className="wizard-title">
          {title}
        </h1>
        <p className="wizard-subtitle">{subtitle}</p>
      </header>

      {step === 'start' && (
        <StartStep
          recent={status.recent}
          onCancel={onCancel}
          onChoose={(chosen) => {
            setMode(chosen);
            setRecent(null);
            setStep('place');
          }}
          onOpenRecent={(chosen) => {
            setMode('open');
            setRecent(chosen);
            setStep('passphrase');
          }}
        />
      )}
      {step === 'place' && (
        <PlaceStep
          mode={mode}
          status={status}
          draft={place}
          onChange={setPlace}
          showAllProblems={showAllProblems}
          onShowAllProblems={() => setShowAllProblems(true)}
          onBack={() => setStep('start')}
          onContinue={() => setStep('passphrase')}
        />
      )}
      {step === 'passphrase' && (
        <PassphraseStep
          key={mode}
          mode={mode}
          location={location}
          askSecret={recent !== null && needsSecret(recent)}
          onSwitchMode={setMode}
          onUnlocked={onUnlocked}
          onBack={() => setStep(recent ? 'start' : 'place')}
        />
      )}
    </Gate>
  );
}
