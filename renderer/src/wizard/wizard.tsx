import type { UnlockResult, VaultStatus } from '../../../contract/ipc.js';

interface Props {
  status: VaultStatus;
  onUnlocked: (result: UnlockResult) => void;
  /** Back to the unlock screen; absent on first run, where there is nothing to go back to. */
  onCancel: (() => void) | undefined;
}

/** Placeholder until the wizard lands. */
export function Wizard(_props: Props) {
  return <main />;
}
