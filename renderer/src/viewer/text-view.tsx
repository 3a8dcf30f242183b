import { Download } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemSummaryView } from '../../../contract/ipc.js';
import { coffer } from '../coffer.js';
import { useErrorText } from '../i18n/error-text.js';
import { useFormat } from '../i18n/format.js';
import { isJson } from './viewer-kind.js';

/** previewText's cap, MAX_TEXT_PREVIEW in contract/ipc.ts (not imported: it would bring zod into the page). */
const MAX_TEXT_PREVIEW_BYTES = 1024 * 1024;

/** JSON laid out two spaces deep when it parses whole; anything else (or a cut-off JSON) as it is. */
export function displayText(text: string, type: string, truncated: boolean): string {
  if (!isJson(type) || truncated) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Text, Markdown and JSON read in place, from the start of the item main decodes for the page. */
export function TextView({ item, onExport }: { item: ItemSummaryView; onExport: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const [preview, setPreview] = useState<{ text: string; truncated: boolean } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    coffer.previewText({ id: item.id }).then(
      (answer) => live && setPreview(answer),
      (error: unknown) => live && setFailure(error),
    );
    return () => {
      live = false;
    };
  }, [item.id]);
  const shown = useMemo(() => (preview ? displayText(preview.text, item.type, preview.truncated) : ''), [preview, item.type]);

  if (failure) return <p className="viewer-message callout callout-error" role="alert">{errorText(failure).sentence}</p>;
  if (!preview) return <p className="viewer-message muted">{t('common.loading')}</p>;
  return (
    <div className="text-view">
      {preview.truncated && (
        <div className="callout text-truncated">
          <p>{t('viewer.text.truncated', { size: format.bytes(MAX_TEXT_PREVIEW_BYTES) })}</p>
          <button type="button" className="button button-small" onClick={onExport}>
            <Download size={15} aria-hidden />
            {t('viewer.export')}
          </button>
        </div>
      )}
      <pre className="text-body" tabIndex={0} data-own-keys="" aria-label={t('viewer.text.label', { name: item.name })}>
        {shown}
      </pre>
    </div>
  );
}
