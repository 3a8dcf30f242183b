/**
 * A file name every desktop OS accepts, for suggesting where to save an export: path separators,
 * reserved and control characters become `_`, and leading dots are dropped so the suggestion is
 * neither hidden nor a path.
 */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this replaces
  const cleaned = name.replace(/[/\\:*?"<>|\u0000-\u001f\u007f]/g, '_').replace(/^[.\s]+/, '').trim();
  return cleaned.slice(0, 200) || 'export';
}
