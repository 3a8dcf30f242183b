/**
 * The `Range` request header (RFC 9110 §14.1–14.2), reduced to what a media server needs: one byte
 * range, no range, or "unsatisfiable".
 */

/** How to answer a request whose `Range` header was parsed against a representation of a known size. */
export type RangeDecision =
  /** No usable Range header: serve the whole representation with 200. */
  | { kind: 'full' }
  /** A valid header none of whose ranges overlaps the representation: 416, Content-Range naming only the size. */
  | { kind: 'unsatisfiable' }
  /** Serve bytes [start, end], both inclusive, with 206. Always 0 <= start <= end < size. */
  | { kind: 'partial'; start: number; end: number };

/**
 * Longer headers are ignored (the whole representation is served), as RFC 9110 §14.2 allows for
 * signs of a broken or hostile client. A media element sends one short range; this bounds the work
 * a hostile header can cause, including BigInt parsing of absurdly long digit strings.
 */
export const MAX_RANGE_HEADER_LENGTH = 1024;

/** More range-specs than this are ignored too, for the same reason. */
export const MAX_RANGE_SPECS = 32;

const FULL: RangeDecision = { kind: 'full' };
const UNSATISFIABLE: RangeDecision = { kind: 'unsatisfiable' };

// int-range = first-pos "-" [ last-pos ]; suffix-range = "-" suffix-length (RFC 9110 §14.1.2).
// DIGIT is ASCII only, so no Number() surprises such as " 5", "0x10" or "1e3".
const INT_RANGE = /^(\d+)-(\d*)$/;
const SUFFIX_RANGE = /^-(\d+)$/;

/**
 * Decides how to answer `Range: <header>` for a representation of `size` bytes
 * (a non-negative safe integer).
 *
 * - `bytes=A-B` serves A..min(B, size-1); `bytes=A-` serves A..size-1; `bytes=-N` serves the last
 *   N bytes (the whole representation when N >= size).
 * - A first position at or past the end, or a zero-length suffix, is unsatisfiable.
 * - A syntactically invalid header, a unit other than `bytes`, or one invalid range-spec anywhere in
 *   the list makes the whole header ignored (RFC 9110 §14.1.1 and §14.2): the answer is `full`.
 *   Numbers beyond 2^53 are compared exactly (BigInt), so they can never alias a smaller offset.
 * - Several ranges: the first satisfiable one, in header order, is served alone as a single 206.
 *   RFC 9110 would prefer a multipart/byteranges answer, but media elements only ever ask for one
 *   range, and Chromium's custom-scheme loader reads the body as the bytes starting at the offset it
 *   asked for (electron/electron#51442), which a multipart body would break. A client that did send
 *   several ranges learns which one it got from Content-Range.
 * - A representation of zero bytes has no byte to point at: a positive suffix (the only satisfiable
 *   range-spec for it) is answered with the whole, empty representation (`full`).
 *
 * Never throws, whatever the header holds.
 */
export function decideRange(header: string | null | undefined, size: number): RangeDecision {
  if (header === null || header === undefined || header.length > MAX_RANGE_HEADER_LENGTH) return FULL;
  const specifier = trimOws(header);
  const equals = specifier.indexOf('=');
  if (equals < 0) return FULL;
  // Range units are case-insensitive; an origin server must ignore a unit it does not know.
  if (specifier.slice(0, equals).toLowerCase() !== 'bytes') return FULL;

  // range-set = 1#range-spec: optional whitespace is allowed around commas, not right after "=";
  // empty list elements are tolerated (RFC 9110 §5.6.1), but at least one range-spec must be there.
  const rangeSet = specifier.slice(equals + 1);
  if (rangeSet.startsWith(' ') || rangeSet.startsWith('\t')) return FULL;
  const specs = rangeSet
    .split(',')
    .map(trimOws)
    .filter((element) => element !== '');
  if (specs.length === 0 || specs.length > MAX_RANGE_SPECS) return FULL;

  const length = BigInt(size);
  let chosen: RangeDecision | undefined;
  // Every spec is checked even after one is chosen: one invalid spec invalidates the whole header.
  for (const spec of specs) {
    const resolved = resolveSpec(spec, length);
    if (resolved === 'invalid') return FULL;
    chosen ??= resolved;
  }
  return chosen ?? UNSATISFIABLE;
}

/** One range-spec against the representation length: a decision when satisfiable, else undefined. */
function resolveSpec(spec: string, length: bigint): RangeDecision | 'invalid' | undefined {
  const int = INT_RANGE.exec(spec);
  if (int) {
    const first = BigInt(int[1] as string);
    const last = int[2] ? BigInt(int[2]) : undefined;
    if (last !== undefined && last < first) return 'invalid';
    if (first >= length) return undefined;
    const end = last === undefined || last >= length ? length - 1n : last;
    return { kind: 'partial', start: Number(first), end: Number(end) };
  }
  const suffix = SUFFIX_RANGE.exec(spec);
  if (suffix) {
    const count = BigInt(suffix[1] as string);
    if (count === 0n) return undefined;
    if (length === 0n) return FULL;
    const start = count >= length ? 0n : length - count;
    return { kind: 'partial', start: Number(start), end: Number(length - 1n) };
  }
  return 'invalid';
}

/**
 * Strips optional whitespace, which is space and horizontal tab only (RFC 9110 §5.6.3). A loop rather
 * than a trim regex, whose backtracking is quadratic on long runs of inner whitespace.
 */
function trimOws(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start += 1;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end -= 1;
  return text.slice(start, end);
}
