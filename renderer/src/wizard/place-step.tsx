import { Cloud, FolderOpen, HardDrive, TriangleAlert } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultStatus } from '../../../contract/ipc.js';
import { coffer } from '../coffer.js';
import { useToasts } from '../ui/toasts.js';
import { ConnectionCheck } from './connection-check.js';
import type { WizardMode } from './wizard-mode.js';
import { s3Location, s3Problems, type S3Draft } from './s3-draft.js';
import { S3Form } from './s3-form.js';

export type PlaceKind = 'folder' | 's3';

export interface PlaceDraft {
  kind: PlaceKind;
  /** A folder main offered: the suggested one, or the user's pick in the native dialog. */
  folder: string;
  s3: S3Draft;
}

interface Props {
  mode: WizardMode;
  status: VaultStatus;
  draft: PlaceDraft;
  onChange: (draft: PlaceDraft) => void;
  /** Set once the user tried to go on: every problem is shown, not only those of fields left. */
  showAllProblems: boolean;
  onShowAllProblems: () => void;
  onBack: () => void;
  /** The location is complete and valid: on to the passphrase. */
  onContinue: () => void;
}

/** Where the vault lives: a folder on this computer, or a bucket on S3-compatible storage. */
export function PlaceStep({ mode, status, draft, onChange, showAllProblems, onShowAllProblems, onBack, onContinue }: Props) {
  const { t } = useTranslation();
  const toasts = useToasts();
  const folderLabelId = useId();
  const [choosing, setChoosing] = useState(false);

  const chooseFolder = async () => {
    setChoosing(true);
    try {
      const { path } = await coffer.chooseVaultFolder();
      if (path !== null) onChange({ ...draft, folder: path });
    } catch (error) {
      toasts.fail(error);
    } finally {
      setChoosing(false);
    }
  };

  const problems = s3Problems(draft.s3);
  const valid = Object.keys(problems).length === 0;
  // The one folder whose contents the app already knows: the one it offers on the unlock screen.
  const knownVault =
    status.location.kind === 'folder' && status.location.path === draft.folder && status.locationHasVault === true && mode === 'create';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.kind === 'folder' || valid) onContinue();
    else onShowAllProblems();
  };

  return (
    <form className="wizard-form" onSubmit={submit} noValidate>
      <div className="wizard-body">
      <fieldset className="place-kinds">
        <legend className="visually-hidden">{t('wizard.place.kind')}</legend>
        {(
          [
            ['folder', HardDrive, t('wizard.place.folder'), t('wizard.place.folderHint')],
            ['s3', Cloud, t('wizard.place.s3'), t('wizard.place.s3Hint')],
          ] as const
        ).map(([kind, Icon, label, hint]) => (
          <label key={kind} className="choice-tile">
            <input type="radio" name="place-kind" checked={draft.kind === kind} onChange={() => onChange({ ...draft, kind })} />
            <Icon size={20} aria-hidden className="choice-tile-icon" />
            <span className="choice-tile-text">
              <span className="choice-tile-title">{label}</span>
              <span className="choice-tile-hint">{hint}</span>
            </span>
          </label>
        ))}
      </fieldset>

      {draft.kind === 'folder' ? (
        <div className="folder-place">
          <span className="field-label" id={folderLabelId}>
            {t('wizard.place.folderLabel')}
          </span>
          <div className="folder-row">
            <output className="folder-path" aria-labelledby={folderLabelId}>
              {draft.folder}
            </output>
            <button type="button" className="button" disabled={choosing} onClick={() => void chooseFolder()}>
              <FolderOpen size={16} aria-hidden />
              {t('wizard.place.chooseFolder')}
            </button>
          </div>
          {draft.folder !== status.defaultFolder && (
            <button type="button" className="button-link" onClick={() => onChange({ ...draft, folder: status.defaultFolder })}>
              {t('wizard.place.useSuggested')}
            </button>
          )}
          <p className="field-hint">{mode === 'create' ? t('wizard.place.folderCreateHint') : t('wizard.place.folderOpenHint')}</p>
          {knownVault && (
            <div className="callout callout-warning" role="status">
              <TriangleAlert size={18} aria-hidden className="callout-icon" />
              <p>{t('wizard.place.vaultAlreadyHere')}</p>
            </div>
          )}
        </div>
      ) : (
        <>
          <S3Form
            draft={draft.s3}
            onChange={(s3) => onChange({ ...draft, s3 })}
            problems={problems}
            showAllProblems={showAllProblems}
          />
          <ConnectionCheck location={valid ? s3Location(draft.s3) : null} mode={mode} onIncomplete={onShowAllProblems} />
        </>
      )}
      </div>
      <footer className="wizard-actions">
        <button type="button" className="button button-ghost" onClick={onBack}>
          {t('common.back')}
        </button>
        <button type="submit" className="button button-primary">
          {t('common.continue')}
        </button>
      </footer>
    </form>
  );
}
