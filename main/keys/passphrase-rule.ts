import { assessPassphrase } from '../../contract/passphrase-strength.js';
import { CofferError } from '../errors.js';

/**
 * Throws WEAK_PASSPHRASE, saying why, unless `passphrase` passes the rule every new passphrase must
 * pass ([Note: passphrase rule] in contract/passphrase-strength.ts).
 */
export async function assertStrongPassphrase(passphrase: string): Promise<void> {
  const { ok, reasons } = await assessPassphrase(passphrase);
  if (!ok) throw new CofferError('WEAK_PASSPHRASE', `the new passphrase is too weak. ${reasons.join(' ')}`);
}
