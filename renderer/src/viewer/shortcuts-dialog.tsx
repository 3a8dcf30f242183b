import { useTranslation } from 'react-i18next';
import { Modal } from '../ui/modal.js';

/** Each shortcut: the keys as shown, and the catalog key of what they do. */
export const PLAYER_SHORTCUTS: [string[], string][] = [
  [['Space', 'K'], 'viewer.shortcuts.playPause'],
  [['←', '→'], 'viewer.shortcuts.seek5'],
  [['J', 'L'], 'viewer.shortcuts.seek10'],
  [['↑', '↓'], 'viewer.shortcuts.volume'],
  [['M'], 'viewer.shortcuts.mute'],
  [['F'], 'viewer.shortcuts.fullscreen'],
  [[',', '.'], 'viewer.shortcuts.previousNext'],
  [['Page Up', 'Page Down'], 'viewer.shortcuts.previousNext'],
  [['Esc'], 'viewer.shortcuts.close'],
  [['?'], 'viewer.shortcuts.help'],
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal title={t('viewer.shortcuts.title')} onClose={onClose} className="shortcuts-dialog">
      <dl className="shortcuts">
        {PLAYER_SHORTCUTS.map(([keys, what]) => (
          <div key={keys.join()} className="shortcut">
            <dt>
              {keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{t(what)}</dd>
          </div>
        ))}
      </dl>
    </Modal>
  );
}
