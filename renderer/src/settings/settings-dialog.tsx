import { useTranslation } from 'react-i18next';
import type { VaultStatus } from '../../../contract/ipc.js';
import { Modal } from '../ui/modal.js';
import { AppearanceSection, ImportsSection } from './preference-sections.js';
import { SecuritySection } from './security-section.js';
import { StorageSection } from './storage-section.js';
import './settings.css';

interface Props {
  status: VaultStatus;
  onClose: () => void;
}

/** The app's settings, each applied the moment it changes. */
export function SettingsDialog({ status, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      title={t('settings.title')}
      onClose={onClose}
      className="settings-modal"
      actions={
        <button type="button" className="button button-primary" onClick={onClose}>
          {t('common.done')}
        </button>
      }
    >
      <StorageSection location={status.location} />
      <SecuritySection />
      <AppearanceSection />
      <ImportsSection />
    </Modal>
  );
}
