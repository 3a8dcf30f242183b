import { describe, expect, it } from 'vitest';
import { decideRange, MAX_RANGE_HEADER_LENGTH, MAX_RANGE_SPECS } from '../../main/protocol/range-header.js';

const SIZE = 1000;
const full = { kind: 'full' };
const unsatisfiable = { kind: 'unsatisfiable' };
const partial = (start: number, end: number) => ({ kind: 'partial', start, end });

describe('decideRange', () => {
  describe('the three range forms', () => {
    it.each([
      ['bytes=0-0', partial(0, 0)],
      ['bytes=0-499', partial(0, 499)],
      ['bytes=500-999', partial(500, 999)],
      ['bytes=999-999', partial(999, 999)],
    ])('serves %s as exactly that range', (header, expected) => {
      expect(decideRange(header, SIZE)).toEqual(expected);
    });

    it('serves bytes=N- from N through the last byte', () => {
      expect(decideRange('bytes=0-', SIZE)).toEqual(partial(0, 999));
      expect(decideRange('bytes=998-', SIZE)).toEqual(partial(998, 999));
    });

    it('serves bytes=-N as the last N bytes, or the whole item when N is at least its size', () => {
      expect(decideRange('bytes=-1', SIZE)).toEqual(partial(999, 999));
      expect(decideRange('bytes=-300', SIZE)).toEqual(partial(700, 999));
      expect(decideRange('bytes=-1000', SIZE)).toEqual(partial(0, 999));
      expect(decideRange('bytes=-5000', SIZE)).toEqual(partial(0, 999));
    });

    it('clamps an end past the last byte to size − 1', () => {
      expect(decideRange('bytes=10-1000', SIZE)).toEqual(partial(10, 999));
      expect(decideRange('bytes=10-123456789', SIZE)).toEqual(partial(10, 999));
    });
  });

  describe('unsatisfiable ranges', () => {
    it('calls a range that starts at or past the end unsatisfiable', () => {
      expect(decideRange('bytes=1000-', SIZE)).toEqual(unsatisfiable);
      expect(decideRange('bytes=1000-2000', SIZE)).toEqual(unsatisfiable);
      expect(decideRange('bytes=5000-5001', SIZE)).toEqual(unsatisfiable);
    });

    it('calls a zero-length suffix unsatisfiable', () => {
      expect(decideRange('bytes=-0', SIZE)).toEqual(unsatisfiable);
      expect(decideRange('bytes=-000', SIZE)).toEqual(unsatisfiable);
    });

    it('calls every range of an empty item unsatisfiable, except a positive suffix, which means the whole (empty) item', () => {
      expect(decideRange('bytes=0-', 0)).toEqual(unsatisfiable);
      expect(decideRange('bytes=0-0', 0)).toEqual(unsatisfiable);
      expect(decideRange('bytes=-0', 0)).toEqual(unsatisfiable);
      expect(decideRange('bytes=-5', 0)).toEqual(full);
    });
  });

  describe('several ranges', () => {
    it('serves the first satisfiable range in header order, alone', () => {
      expect(decideRange('bytes=500-599, 0-99', SIZE)).toEqual(partial(500, 599));
      expect(decideRange('bytes=2000-, -0, 10-20, 30-40', SIZE)).toEqual(partial(10, 20));
    });

    it('calls a header unsatisfiable only when none of its ranges is satisfiable', () => {
      expect(decideRange('bytes=2000-, -0, 1000-1001', SIZE)).toEqual(unsatisfiable);
    });

    it('ignores the whole header when any one range is invalid, even after a good one', () => {
      expect(decideRange('bytes=0-10, 20-5', SIZE)).toEqual(full);
      expect(decideRange('bytes=0-10, x', SIZE)).toEqual(full);
    });

    it('tolerates optional whitespace around commas and empty list elements', () => {
      expect(decideRange('bytes=5-6 ,\t7-8', SIZE)).toEqual(partial(5, 6));
      expect(decideRange('bytes=,,5-6,,', SIZE)).toEqual(partial(5, 6));
    });
  });

  describe('headers that are ignored (whole item, 200)', () => {
    it.each([
      [null],
      [undefined],
      [''],
      ['bytes'],
      ['bytes='],
      ['bytes=,'],
      ['bytes=-'],
      ['bytes=--5'],
      ['bytes=-5-10'],
      ['bytes=5--10'],
      ['bytes=-5-'],
      ['bytes=10-5'],
      ['bytes=0-1=2'],
      ['bytes=0x10-'],
      ['bytes=1e3-'],
      ['bytes=+1-2'],
      ['bytes=1.5-2'],
      ['bytes=1-2.0'],
      ['bytes = 0-1'],
      ['bytes= 0-1'],
      ['bytes=0 -1'],
      ['bytes=0- 1'],
      ['bytes=0-\n1'],
      ['\nbytes=0-1'],
      ['bytes=\u00a00-1'],
      ['bytes=\u0660-\u0661'],
      ['bytes=\uff10-\uff11'],
      ['bytes=0-1\u0000'],
      ['items=0-1'],
      ['bytes0-1'],
      ['=0-1'],
      ['bytes=0-1;2-3'],
    ])('ignores %j', (header) => {
      expect(decideRange(header, SIZE)).toEqual(full);
    });

    it('accepts the unit in any case and whitespace around the whole value', () => {
      expect(decideRange('BYTES=1-2', SIZE)).toEqual(partial(1, 2));
      expect(decideRange('Bytes=1-2', SIZE)).toEqual(partial(1, 2));
      expect(decideRange(' \tbytes=1-2\t ', SIZE)).toEqual(partial(1, 2));
    });

    it('accepts leading zeros, which the grammar allows', () => {
      expect(decideRange('bytes=0010-0020', SIZE)).toEqual(partial(10, 20));
    });
  });

  describe('numbers beyond 2^53', () => {
    const huge = '9'.repeat(40);

    it('treats a huge end as "to the end", a huge start as past the end, and a huge suffix as the whole item', () => {
      expect(decideRange(`bytes=0-${huge}`, SIZE)).toEqual(partial(0, 999));
      expect(decideRange(`bytes=${huge}-`, SIZE)).toEqual(unsatisfiable);
      expect(decideRange(`bytes=-${huge}`, SIZE)).toEqual(partial(0, 999));
    });

    it('compares huge positions exactly, where doubles would round them equal', () => {
      // As doubles both are 2^53, so a float parser would take this for a valid one-byte range.
      expect(decideRange('bytes=9007199254740993-9007199254740992', SIZE)).toEqual(full);
    });

    it('serves the last bytes of an item of the largest safe size', () => {
      const size = Number.MAX_SAFE_INTEGER;
      expect(decideRange('bytes=-2', size)).toEqual(partial(size - 2, size - 1));
      expect(decideRange('bytes=9007199254740990-', size)).toEqual(partial(size - 1, size - 1));
      expect(decideRange('bytes=9007199254740991-', size)).toEqual(unsatisfiable);
    });
  });

  describe('hostile sizes of header', () => {
    it(`ignores headers longer than ${MAX_RANGE_HEADER_LENGTH} characters`, () => {
      const long = `bytes=0-1,${'2'.repeat(MAX_RANGE_HEADER_LENGTH)}-`;
      expect(decideRange(long, SIZE)).toEqual(full);
      expect(decideRange(`bytes=${'9'.repeat(1_000_000)}-`, SIZE)).toEqual(full);
    });

    it(`ignores more than ${MAX_RANGE_SPECS} ranges, and answers thousands of them at once`, () => {
      const atLimit = `bytes=${Array.from({ length: MAX_RANGE_SPECS }, () => '1-1').join(',')}`;
      expect(decideRange(atLimit, SIZE)).toEqual(partial(1, 1));
      const overLimit = `bytes=${Array.from({ length: MAX_RANGE_SPECS + 1 }, () => '1-1').join(',')}`;
      expect(decideRange(overLimit, SIZE)).toEqual(full);
      expect(decideRange(`bytes=${'0-0,'.repeat(5000)}`, SIZE)).toEqual(full);
    });
  });
});
