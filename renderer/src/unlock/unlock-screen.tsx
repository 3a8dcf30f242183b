import type { LockReason, UnlockResult, VaultStatus } from '../../../contract/ipc.js';

interface Props {
  status: VaultStatus;
  /** Why the vault just locked, to say so; null when the app just started. */
  lockReason: LockReason | null;
  onUnlocked: (result: UnlockResult) => void;
  /** Create a vault, or open another one. */
  onOpenWizard: () => void;
}

/** Placeholder until the unlock screen lands. */
export function UnlockScreen(_props: Props) {
  return <main />;
}
