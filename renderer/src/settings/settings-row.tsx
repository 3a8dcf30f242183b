import { useId, type ReactNode } from 'react';

interface Props {
  label: string;
  hint?: ReactNode;
  /** The control, given the label's id to name itself by. */
  children: (labelId: string) => ReactNode;
}

/** One setting: what it is on the left, its control on the right. */
export function SettingsRow({ label, hint, children }: Props) {
  const labelId = useId();
  return (
    <div className="settings-row">
      <div className="settings-row-text">
        <span className="settings-row-label" id={labelId}>
          {label}
        </span>
        {hint && <span className="settings-row-hint">{hint}</span>}
      </div>
      <div className="settings-row-control">{children(labelId)}</div>
    </div>
  );
}
