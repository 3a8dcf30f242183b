import { CircleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { useErrorText } from '../i18n/error-text.js';

interface Props {
  error: unknown;
  /** A way out the error suggests, e.g. "Open it instead". */
  action?: ReactNode;
}

/** A failed request shown where it happened: the code's sentence, main's detail in small text. */
export function InlineError({ error, action }: Props) {
  const { sentence, detail } = useErrorText()(error);
  return (
    <div className="callout callout-error" role="alert">
      <CircleAlert size={18} aria-hidden className="callout-icon" />
      <div className="callout-body">
        <p>{sentence}</p>
        {detail && <p className="small callout-detail">{detail}</p>}
        {action}
      </div>
    </div>
  );
}
