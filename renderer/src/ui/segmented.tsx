import { useId, type ReactNode } from 'react';

interface Option<T extends string | number> {
  value: T;
  label: ReactNode;
}

interface Props<T extends string | number> {
  /** The id of the element that names the group. */
  labelledBy: string;
  options: readonly Option<T>[];
  value: T;
  onChange: (value: T) => void;
  disabled?: boolean;
}

/** Mutually exclusive choices as one control: native radio inputs, so arrow keys move between them. */
export function Segmented<T extends string | number>({ labelledBy, options, value, onChange, disabled }: Props<T>) {
  const name = useId();
  return (
    <div className="segmented" role="radiogroup" aria-labelledby={labelledBy}>
      {options.map((option) => (
        <label key={option.value}>
          <input type="radio" name={name} checked={option.value === value} disabled={disabled} onChange={() => onChange(option.value)} />
          {option.label}
        </label>
      ))}
    </div>
  );
}
