import type { VaultStatus } from '../../../contract/ipc.js';

interface Props {
  status: VaultStatus;
  onClose: () => void;
}

/** Placeholder until the settings dialog lands. */
export function SettingsDialog(_props: Props) {
  return null;
}
