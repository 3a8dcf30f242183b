import type { UnlockResult, VaultStatus } from '../../../contract/ipc.js';

interface Props {
  status: VaultStatus;
  secretsNotStored: UnlockResult['secretsNotStored'];
  onDismissSecretsNotice: () => void;
  onOpenSettings: () => void;
}

/** Placeholder until the library lands. */
export function LibraryScreen(_props: Props) {
  return <main />;
}
