import type { Command } from './command.js';
import { exitCodeHelp } from './exit-codes.js';

export const TOOL_USAGE = 'coffer <command> [options] [arguments]';

const LOCATION_HELP = `Vault and storage (every command):
  --vault <dir | s3://bucket/prefix>   the vault; or COFFER_VAULT
  --endpoint URL    an S3-compatible service (MinIO, R2, B2, Wasabi); or AWS_ENDPOINT_URL_S3,
                    AWS_ENDPOINT_URL. Without one, AWS S3 itself.
  --region R        or AWS_REGION; us-east-1 with a custom endpoint
  --path-style      bucket in the path, not the host name (the default with a custom endpoint)
  Credentials come from the AWS SDK's default chain: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,
  AWS_PROFILE and ~/.aws, SSO, instance roles. \`coffer init\` remembers endpoint, region and path
  style per vault URL; a flag beats a remembered setting, which beats the environment.`;

/** `coffer --help`. */
export function toolHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `coffer: the Coffer encrypted media vault from the command line

usage: ${TOOL_USAGE}

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

${LOCATION_HELP}

Passphrase: asked on the terminal without echo, or COFFER_PASSPHRASE (COFFER_NEW_PASSPHRASE for the
new one in passwd and rekey). Without a terminal or the variable, commands fail instead of waiting.
A new passphrase needs at least 10 characters and must not be easy to guess; a weak one is refused
with the reason (exit 2).

<id|name>: an item id, a prefix of at least 4 characters matching one id, or an exact name. A
name or prefix that matches several items is refused and the candidates listed.

Files: remembered S3 settings in vaults.json in COFFER_CONFIG_DIR, else $XDG_CONFIG_HOME/coffer,
else ~/.config/coffer; a cache of sealed (still encrypted) metadata, and this device's sealed record
of what it has seen in each vault (see coffer verify --help), in COFFER_CACHE_DIR, else
$XDG_CACHE_HOME/coffer, else ~/.cache/coffer.

Output: data on stdout (ids, listings, plaintext); progress, notices and errors on stderr. An error
is one line, "coffer: <message>".

Exit codes:
${exitCodeHelp()}

Run 'coffer <command> --help' for a command's details.
`;
}

/** `coffer <command> --help`. */
export function commandHelp(command: Command): string {
  return `usage: ${command.usage}

${command.help}

${LOCATION_HELP}

Run 'coffer --help' for passphrases, files and exit codes.
`;
}
