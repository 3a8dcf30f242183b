import { describe, expect, it } from 'vitest';
import { createMediaHandler } from '../../main/protocol/media-handler.js';
import { decideRange, MAX_RANGE_HEADER_LENGTH, MAX_RANGE_SPECS, type RangeDecision } from '../../main/protocol/range-header.js';
import { memoryMediaSource, patternBytes } from '../helpers/memory-media-source.js';
import { seededRandom } from '../helpers/seeded-random.js';

// Seeded so that a failure reproduces: every assertion message names the seed and the header.
const SEED = 0x5eed_c0ff;

/** The shared seeded PRNG with the two helpers this test draws with. */
function prng(seed: number) {
  const next = seededRandom(seed);
  const int = (below: number) => Math.floor(next() * below);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)] as T };
}
type Rng = ReturnType<typeof prng>;

const SIZES = [0, 1, 2, 10, 999, 1000, 65_536, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER];

function randomSize(rng: Rng): number {
  return rng.next() < 0.5 ? rng.pick(SIZES) : rng.int(5000);
}

/** A digit string near the interesting edges of `size`, sometimes with leading zeros, sometimes astronomically large. */
function randomNumber(rng: Rng, size: number): string {
  const big = BigInt(size);
  const value = rng.pick([
    () => 0n,
    () => big - 1n,
    () => big,
    () => big + 1n,
    () => BigInt(rng.int(Math.min(size + 1, 2 ** 31))),
    () => BigInt(rng.int(2 ** 31)),
    () => 2n ** 53n + BigInt(rng.int(5)) - 2n,
    () => BigInt('9'.repeat(16 + rng.int(40))),
  ])();
  const digits = (value < 0n ? 0n : value).toString();
  return rng.next() < 0.1 ? '0'.repeat(1 + rng.int(4)) + digits : digits;
}

interface Spec {
  text: string;
  first?: bigint;
  last?: bigint;
  suffix?: bigint;
}

function randomSpec(rng: Rng, size: number): Spec {
  if (rng.next() < 0.3) {
    const n = randomNumber(rng, size);
    return { text: `-${n}`, suffix: BigInt(n) };
  }
  const first = randomNumber(rng, size);
  if (rng.next() < 0.3) return { text: `${first}-`, first: BigInt(first) };
  const last = randomNumber(rng, size);
  return { text: `${first}-${last}`, first: BigInt(first), last: BigInt(last) };
}

/** A syntactically valid header for `specs`, with random unit case, optional whitespace and empty elements. */
function render(rng: Rng, specs: Spec[]): string {
  const ows = () => rng.pick(['', '', ' ', '\t', '  ']);
  const unit = rng.pick(['bytes', 'BYTES', 'Bytes', 'bYtEs']);
  const elements = specs.map((spec) => (rng.next() < 0.1 ? `,${spec.text}` : spec.text));
  return `${ows()}${unit}=${elements.join(`${ows()},${ows()}`)}${ows()}`;
}

/** What RFC 9110 says `specs` mean, worked out from their values rather than from any text. */
function meaning(specs: Spec[], size: number): RangeDecision {
  if (specs.length > MAX_RANGE_SPECS) return { kind: 'full' };
  const length = BigInt(size);
  let chosen: RangeDecision | undefined;
  for (const spec of specs) {
    if (spec.first !== undefined && spec.last !== undefined && spec.last < spec.first) return { kind: 'full' };
    let decision: RangeDecision | undefined;
    if (spec.suffix !== undefined) {
      if (spec.suffix > 0n && length === 0n) decision = { kind: 'full' };
      else if (spec.suffix > 0n) {
        const start = spec.suffix >= length ? 0n : length - spec.suffix;
        decision = { kind: 'partial', start: Number(start), end: size - 1 };
      }
    } else if ((spec.first as bigint) < length) {
      const end = spec.last === undefined || spec.last >= length ? length - 1n : spec.last;
      decision = { kind: 'partial', start: Number(spec.first), end: Number(end) };
    }
    chosen ??= decision;
  }
  return chosen ?? { kind: 'unsatisfiable' };
}

// An independent oracle for arbitrary text: the grammar of RFC 9110 §14.1.2 and the recipient's
// list rule of §5.6.1 as one regular expression, then exact arithmetic on what it matched.
const RANGE_SPEC = String.raw`(?:\d+-\d*|-\d+)`;
const RANGE_HEADER = new RegExp(
  String.raw`^[ \t]*bytes=(?:,[ \t]*)*${RANGE_SPEC}(?:[ \t]*,(?:[ \t]*${RANGE_SPEC})?)*[ \t]*$`,
  'i',
);

function oracle(header: string, size: number): RangeDecision {
  if (header.length > MAX_RANGE_HEADER_LENGTH || !RANGE_HEADER.test(header)) return { kind: 'full' };
  const specs = [...header.matchAll(/(\d*)-(\d*)/g)].map(([, first, last]): Spec => {
    if (first === '') return { text: '', suffix: BigInt(last as string) };
    return { text: '', first: BigInt(first as string), last: last === '' ? undefined : BigInt(last as string) };
  });
  return meaning(specs, size);
}

const HOSTILE_CHARS = ['0', '7', '9', '-', '-', ',', '=', ' ', '\t', '\n', '\r', '\0', '+', '.', 'e', 'x', ';', '*', '\u00a0', '\u0663', '\uff15', '\u{1f600}', 'b', 'S'];

/** A valid header bent out of shape: inserted, deleted and swapped characters, whitespace by delimiters, huge digit runs, long lists. */
function hostileHeader(rng: Rng, size: number): string {
  let header = render(rng, Array.from({ length: 1 + rng.int(3) }, () => randomSpec(rng, size)));
  for (let i = 1 + rng.int(4); i > 0; i -= 1) {
    const at = rng.int(header.length + 1);
    header = rng.pick([
      () => header.slice(0, at) + rng.pick(HOSTILE_CHARS) + header.slice(at),
      () => header.slice(0, at) + header.slice(at + 1),
      () => header.slice(0, at) + rng.pick(HOSTILE_CHARS) + header.slice(at + 1),
      () => header.replace(rng.pick(['=', ',', '-']), (delimiter) => rng.pick(['', ' ', '\t']) + delimiter + rng.pick(['', ' ', '\t'])),
      () => header.slice(0, at) + '9'.repeat(1 + rng.int(60)) + header.slice(at),
      () => header + `,${randomSpec(rng, size).text}`.repeat(1 + rng.int(3000)),
      () => rng.pick(['', 'bytes=', 'bytes', '=', '-']) + header,
      () => Array.from({ length: rng.int(40) }, () => rng.pick(HOSTILE_CHARS)).join(''),
    ])();
  }
  return header;
}

function expectWellFormed(decision: RangeDecision, size: number, context: string): void {
  if (decision.kind !== 'partial') return;
  expect(Number.isSafeInteger(decision.start) && Number.isSafeInteger(decision.end), context).toBe(true);
  expect(0 <= decision.start && decision.start <= decision.end && decision.end < size, context).toBe(true);
}

describe('decideRange under random and hostile input', () => {
  it('gives RFC 9110 meaning to 5,000 random valid headers', () => {
    const rng = prng(SEED);
    for (let i = 0; i < 5000; i += 1) {
      const size = randomSize(rng);
      const specs = Array.from({ length: 1 + rng.int(rng.next() < 0.05 ? 40 : 4) }, () => randomSpec(rng, size));
      const header = render(rng, specs);
      const context = `seed ${SEED} case ${i}: size ${size}, header ${JSON.stringify(header)}`;
      const expected = header.length > MAX_RANGE_HEADER_LENGTH ? { kind: 'full' } : meaning(specs, size);
      const decision = decideRange(header, size);
      expect(decision, context).toEqual(expected);
      expectWellFormed(decision, size, context);
    }
  });

  it('never throws on 5,000 mangled headers, and agrees with an independent reading of the grammar', () => {
    const rng = prng(SEED + 1);
    for (let i = 0; i < 5000; i += 1) {
      const size = randomSize(rng);
      const header = hostileHeader(rng, size);
      const context = `seed ${SEED + 1} case ${i}: size ${size}, header ${JSON.stringify(header.slice(0, 300))}`;
      const decision = decideRange(header, size);
      expect(decision, context).toEqual(oracle(header, size));
      expectWellFormed(decision, size, context);
    }
  });

  it('serves exactly the bytes each decision names, for 300 random and mangled headers', async () => {
    const rng = prng(SEED + 2);
    let served = 0;
    for (let i = 0; i < 300; i += 1) {
      const size = rng.int(3000);
      const data = patternBytes(size);
      const handler = createMediaHandler({ resolve: () => memoryMediaSource(data, { chunkSize: 1 + rng.int(700) }) });
      const generated = rng.next() < 0.5 ? render(rng, [randomSpec(rng, size)]) : hostileHeader(rng, size);
      let request: Request;
      try {
        request = new Request('vault://media/token', { headers: { Range: generated } });
      } catch {
        continue; // Not a legal header value (control or non-Latin-1 characters): it can never arrive.
      }
      served += 1;
      // What the handler sees, after Headers has trimmed surrounding whitespace.
      const header = request.headers.get('range') as string;
      const context = `seed ${SEED + 2} case ${i}: size ${size}, header ${JSON.stringify(header.slice(0, 300))}`;
      const response = await handler(request);
      const body = new Uint8Array(await response.arrayBuffer());
      const decision = oracle(header, size);
      if (decision.kind === 'partial') {
        expect(response.status, context).toBe(206);
        expect(response.headers.get('content-range'), context).toBe(`bytes ${decision.start}-${decision.end}/${size}`);
        expect(body, context).toEqual(data.subarray(decision.start, decision.end + 1));
      } else if (decision.kind === 'full') {
        expect(response.status, context).toBe(200);
        expect(body, context).toEqual(data);
      } else {
        expect(response.status, context).toBe(416);
        expect(body.length, context).toBe(0);
      }
      expect(Number(response.headers.get('content-length') ?? 0), context).toBe(body.length);
    }
    expect(served).toBeGreaterThan(200);
  });
});
