import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CredentialSource } from '../../../contract/ipc.js';
import { PassphraseInput } from '../passphrase/passphrase-input.js';
import type { S3Draft, S3Field, S3Problems } from './s3-draft.js';
import { withPreset } from './s3-draft.js';
import { presetById, S3_PRESETS, type PresetValues } from './s3-presets.js';

interface Props {
  draft: S3Draft;
  onChange: (draft: S3Draft) => void;
  problems: S3Problems;
  /** Show every field's problem, not only those of fields the user has left. */
  showAllProblems: boolean;
}

interface ControlIds {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

interface FieldProps {
  label: string;
  hint?: ReactNode;
  problem: string | undefined;
  children: (ids: ControlIds) => ReactNode;
}

/** A labelled control with its hint, or its problem instead when there is one (the problem says the rule again). */
function Field({ label, hint, problem, children }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = useId();
  const problemId = useId();
  const describedBy = problem ? problemId : hint ? hintId : undefined;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, describedBy, invalid: problem !== undefined })}
      {problem && (
        <p className="field-error" id={problemId}>
          {t(problem)}
        </p>
      )}
      {hint && !problem && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * An S3-compatible location: the service (each preset fills in what it can), bucket and prefix, and
 * where the credentials come from.
 */
export function S3Form({ draft, onChange, problems, showAllProblems }: Props) {
  const { t } = useTranslation();
  const [left, setLeft] = useState<ReadonlySet<S3Field>>(new Set());
  const preset = presetById(draft.preset);
  const problem = (field: S3Field) => (showAllProblems || left.has(field) ? problems[field] : undefined);
  const leave = (field: S3Field) => () => setLeft((fields) => new Set(fields).add(field));
  const setValue = <K extends keyof PresetValues>(key: K, value: PresetValues[K]) => onChange({ ...draft, values: { ...draft.values, [key]: value } });
  const set = <K extends keyof S3Draft>(key: K, value: S3Draft[K]) => onChange({ ...draft, [key]: value });
  // Where the preset builds the endpoint itself, show it, so the user sees where requests go.
  const derivedEndpoint = preset.fields.includes('endpoint') || problems.accountId ? undefined : preset.address(draft.values).endpoint;
  const text =
    (field: S3Field, value: string, onValue: (value: string) => void, extra: { placeholder?: string } = {}) =>
    ({ id, describedBy, invalid }: ControlIds) => (
        <input
          id={id}
          className="input"
          value={value}
          onChange={(event) => onValue(event.target.value)}
          onBlur={leave(field)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
         
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          {...extra}
        />
    );

  return (
    <div className="s3-form">
      <fieldset className="preset-picker">
        <legend className="field-label">{t('wizard.s3.service')}</legend>
        <div className="preset-grid">
          {S3_PRESETS.map(({ id }) => (
            <label key={id} className="preset-tile">
              <input type="radio" name="s3-preset" checked={draft.preset === id} onChange={() => onChange(withPreset(draft, id))} />
              {t(`wizard.s3.presets.${id}`)}
            </label>
          ))}
        </div>
      </fieldset>

      <div className="field-grid">
        {preset.fields.includes('accountId') && (
          <Field label={t('wizard.s3.accountId')} hint={t('wizard.s3.accountIdHint')} problem={problem('accountId')}>
            {text('accountId', draft.values.accountId, (value) => setValue('accountId', value))}
          </Field>
        )}
        {preset.fields.includes('endpoint') && (
          <Field label={t('wizard.s3.endpoint')} hint={t('wizard.s3.endpointHint')} problem={problem('endpoint')}>
            {text('endpoint', draft.values.endpoint, (value) => setValue('endpoint', value), {
              placeholder: draft.preset === 'minio' ? 'https://minio.example.com:9000' : 'https://s3.example.com',
            })}
          </Field>
        )}
        {preset.fields.includes('region') &&
          (preset.regions ? (
            <Field label={t('wizard.s3.region')} problem={problem('region')}>
              {({ id }) => (
                <select id={id} className="select" value={draft.values.region} onChange={(event) => setValue('region', event.target.value)}>
                  {preset.regions!.map((region) => (
                    <option key={region} value={region}>
                      {region}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : (
            <Field label={t('wizard.s3.regionOptional')} hint={t('wizard.s3.regionHint')} problem={problem('region')}>
              {text('region', draft.values.region, (value) => setValue('region', value), { placeholder: 'us-east-1' })}
            </Field>
          ))}
      </div>
      {derivedEndpoint && (
        <p className="field-hint derived-endpoint">
          {t('wizard.s3.derivedEndpoint')} <span className="mono">{derivedEndpoint}</span>
        </p>
      )}
      {preset.fields.includes('forcePathStyle') && (
        <label className="checkbox">
          <input type="checkbox" checked={draft.values.forcePathStyle} onChange={(event) => setValue('forcePathStyle', event.target.checked)} />
          {t('wizard.s3.pathStyle')}
        </label>
      )}

      <div className="field-grid">
        <Field label={t('wizard.s3.bucket')} problem={problem('bucket')}>
          {text('bucket', draft.bucket, (value) => set('bucket', value))}
        </Field>
        <Field label={t('wizard.s3.prefix')} hint={t('wizard.s3.prefixHint')} problem={problem('prefix')}>
          {text('prefix', draft.prefix, (value) => set('prefix', value), { placeholder: 'coffer/' })}
        </Field>
      </div>

      <fieldset className="field credentials">
        <legend className="field-label">{t('wizard.s3.credentials')}</legend>
        <div className="segmented">
          {(['keys', 'environment'] as const satisfies readonly CredentialSource[]).map((source) => (
            <label key={source}>
              <input type="radio" name="s3-credentials" checked={draft.credentialSource === source} onChange={() => set('credentialSource', source)} />
              {t(`wizard.s3.credentialSource.${source}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {draft.credentialSource === 'keys' ? (
        <div className="field-grid">
          <Field label={t('wizard.s3.accessKeyId')} problem={problem('accessKeyId')}>
            {text('accessKeyId', draft.accessKeyId, (value) => set('accessKeyId', value))}
          </Field>
          <Field label={t('wizard.s3.secretAccessKey')} hint={t('wizard.s3.secretHint')} problem={problem('secretAccessKey')}>
            {({ id, describedBy, invalid }) => (
              <PassphraseInput
                id={id}
                value={draft.secretAccessKey}
                onChange={(value) => set('secretAccessKey', value)}
                onBlur={leave('secretAccessKey')}
                aria-describedby={describedBy}
                aria-invalid={invalid}
               
              />
            )}
          </Field>
        </div>
      ) : (
        <p className="field-hint">{t('wizard.s3.environmentHint')}</p>
      )}
    </div>
  );
}
