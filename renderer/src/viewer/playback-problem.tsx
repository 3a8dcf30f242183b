import { Copy, ExternalLink, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ItemSummaryView } from '../../../contract/ipc.js';
import { coffer } from '../coffer.js';
import { useToasts } from '../ui/toasts.js';

/** MediaError codes meaning "this format, not this stream": HEVC, AC-3, DTS, many MKVs. */
const UNDECODABLE = new Set([3, 4]);

interface Props {
  item: ItemSummaryView;
  /** The media element's MediaError code. */
  code: number;
  onRetry: () => void;
}

/**
 * The player gave up. A format Chromium cannot decode goes to a player that can, streamed from
 * this computer; anything else (the stream broke off) can be tried again.
 */
export function PlaybackProblem({ item, code, onRetry }: Props) {
  const { t } = useTranslation();
  const toasts = useToasts();
  const external = (action: 'open' | 'copy') =>
    coffer.externalPlayer({ id: item.id, action }).then(
      () => action === 'copy' && toasts.notify(t('viewer.external.copied'), 'success'),
      toasts.fail,
    );
  const undecodable = UNDECODABLE.has(code);
  return (
    <div className="player-problem" role="alert">
      <TriangleAlert size={28} aria-hidden className="player-problem-icon" />
      <h2>{undecodable ? t('viewer.problem.codecTitle') : t('viewer.problem.streamTitle')}</h2>
      <p>{undecodable ? t('viewer.problem.codecBody') : t('viewer.problem.streamBody')}</p>
      <div className="player-problem-actions">
        {undecodable ? (
          <>
            <button type="button" className="button button-primary" onClick={() => void external('open')}>
              <ExternalLink size={16} aria-hidden />
              {t('viewer.external.open')}
            </button>
            <button type="button" className="button" onClick={() => void external('copy')}>
              <Copy size={16} aria-hidden />
              {t('viewer.external.copy')}
            </button>
          </>
        ) : (
          <button type="button" className="button button-primary" onClick={onRetry}>
            {t('common.retry')}
          </button>
        )}
      </div>
      {undecodable && <p className="small player-problem-note">{t('viewer.external.note')}</p>}
    </div>
  );
}
