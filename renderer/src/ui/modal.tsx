import { X } from 'lucide-react';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons at the foot of the dialog. */
  actions?: ReactNode;
  className?: string;
}

/**
 * A modal dialog on the browser's own <dialog>: it traps focus, answers Esc and returns focus to
 * where it was, with no script-injected styles for the CSP to refuse. Mounted means open.
 */
export function Modal({ title, onClose, children, actions, className = '' }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`modal ${className}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="modal-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label={t('common.close')} title={t('common.close')} onClick={onClose}>
          <X size={18} aria-hidden />
        </button>
      </header>
      <div className="modal-body">{children}</div>
      {actions && <footer className="modal-actions">{actions}</footer>}
    </dialog>
  );
}
