import { X } from 'lucide-react';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../i18n/error-text.js';

type ToastKind = 'info' | 'success' | 'error';
interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
  detail: string | null;
}

interface Toasts {
  /** A short confirmation or notice; it goes away by itself. */
  notify(text: string, kind?: Exclude<ToastKind, 'error'>): void;
  /** A failed request, in the error code's words; it stays until dismissed. */
  fail(error: unknown): void;
}

const ToastContext = createContext<Toasts | null>(null);
const NOTICE_MS = 5000;

/** Toasts in one live region, so screen readers hear them; errors are assertive, notices polite. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), []);
  const push = useCallback(
    (kind: ToastKind, text: string, detail: string | null = null) => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-4), { id, kind, text, detail }]);
      if (kind !== 'error') setTimeout(() => dismiss(id), NOTICE_MS);
    },
    [dismiss],
  );
  const api = useMemo<Toasts>(
    () => ({
      notify: (text, kind = 'info') => push(kind, text),
      fail: (error) => {
        const { sentence, detail } = errorText(error);
        push('error', sentence, detail);
      },
    }),
    [push, errorText],
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts">
        <div role="status" aria-live="polite">
          {toasts.filter((toast) => toast.kind !== 'error').map((toast) => <ToastView key={toast.id} toast={toast} onDismiss={dismiss} label={t('common.dismiss')} />)}
        </div>
        <div role="alert" aria-live="assertive">
          {toasts.filter((toast) => toast.kind === 'error').map((toast) => <ToastView key={toast.id} toast={toast} onDismiss={dismiss} label={t('common.dismiss')} />)}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function ToastView({ toast, onDismiss, label }: { toast: Toast; onDismiss: (id: number) => void; label: string }) {
  return (
    <div className={`toast toast-${toast.kind}`}>
      <div className="toast-text">
        <p>{toast.text}</p>
        {toast.detail && <p className="toast-detail">{toast.detail}</p>}
      </div>
      <button type="button" className="icon-button" aria-label={label} title={label} onClick={() => onDismiss(toast.id)}>
        <X size={16} aria-hidden />
      </button>
    </div>
  );
}

export function useToasts(): Toasts {
  const toasts = useContext(ToastContext);
  if (!toasts) throw new Error('useToasts outside ToastProvider');
  return toasts;
}
