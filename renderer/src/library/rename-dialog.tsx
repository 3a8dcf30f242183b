import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemSummaryView } from '../../../contract/ipc.js';
import { coffer } from '../coffer.js';
import { useErrorText } from '../i18n/error-text.js';
import { Modal } from '../ui/modal.js';

const MAX_NAME = 255;
// eslint-disable-next-line no-control-regex -- control characters are exactly what a name may not hold
const FORBIDDEN = /[\u0000-\u001f\u007f/\\]/;

/** Why a name cannot be used, as a catalog key; null when it can. Slashes too: an exported file must be one file. */
export function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'library.rename.empty';
  if (trimmed.length > MAX_NAME) return 'library.rename.tooLong';
  if (FORBIDDEN.test(trimmed)) return 'library.rename.forbidden';
  return null;
}

interface Props {
  item: ItemSummaryView;
  onClose: () => void;
  onRenamed: (item: ItemSummaryView) => void;
}

export function RenameDialog({ item, onClose, onRenamed }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(item.name);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const problem = nameProblem(name);
  const unchanged = name.trim() === item.name;

  useEffect(() => {
    // After the dialog has opened (and focused its first control): the name without its extension
    // is what people mean to change.
    const frame = requestAnimationFrame(() => {
      const dot = item.name.lastIndexOf('.');
      input.current?.focus();
      input.current?.setSelectionRange(0, dot > 0 ? dot : item.name.length);
    });
    return () => cancelAnimationFrame(frame);
  }, [item.name]);

  const save = async () => {
    setTouched(true);
    if (problem || unchanged || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      onRenamed(await coffer.renameItem({ id: item.id, name: name.trim() }));
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };
  const shownProblem = touched || name !== item.name ? problem : null;
  const failed = failure ? errorText(failure) : null;
  return (
    <Modal
      title={t('library.rename.title')}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form={`${inputId}-form`} className="button button-primary" disabled={busy || unchanged || problem !== null}>
            {t('common.rename')}
          </button>
        </>
      }
    >
      <form
        id={`${inputId}-form`}
        className="field"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label className="field-label" htmlFor={inputId}>
          {t('library.rename.label')}
        </label>
        <input
          ref={input}
          id={inputId}
          className="input"
          value={name}
          spellCheck={false}
          aria-invalid={shownProblem !== null}
          aria-describedby={shownProblem ? `${inputId}-problem` : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        {shownProblem && (
          <p id={`${inputId}-problem`} className="field-error">
            {t(shownProblem, { max: MAX_NAME })}
          </p>
        )}
      </form>
      {failed && (
        <p className="callout callout-error" role="alert">
          {failed.sentence}
          {failed.detail && <span className="small"> {failed.detail}</span>}
        </p>
      )}
    </Modal>
  );
}
