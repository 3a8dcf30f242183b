/**
 * What Coffer writes to local disk (a vault folder, the metadata cache, settings) is its owner's
 * alone, as with ~/.ssh: a vault's config holds the scrypt-wrapped master key, and another account
 * that can read it can run an offline guessing attack. The umask can narrow these modes further,
 * never widen them.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;
