import { describe, expect, it } from 'vitest';
import { positionOf, withPosition } from '../../main/settings/playback-positions.js';
import { MAX_PLAYBACK_POSITIONS, type PlaybackPosition } from '../../main/settings/settings-schema.js';

const HOME = 'folder:/home/me/vault';
const BUCKET = 's3:["","","media","coffer",""]';

describe('playback positions', () => {
  it('has no position for an item never played', () => {
    expect(positionOf([], HOME, 'abc')).toBeUndefined();
  });

  it('remembers a position per vault, so the same item id in two vaults never mixes', () => {
    const positions = withPosition(withPosition([], HOME, 'abc', 12.5), BUCKET, 'abc', 99);
    expect(positionOf(positions, HOME, 'abc')).toBe(12.5);
    expect(positionOf(positions, BUCKET, 'abc')).toBe(99);
    expect(positionOf(positions, HOME, 'other')).toBeUndefined();
  });

  it('replaces an item\'s position and makes it the newest', () => {
    const positions = withPosition(withPosition(withPosition([], HOME, 'a', 1), HOME, 'b', 2), HOME, 'a', 3);
    expect(positions).toEqual([{ vault: HOME, item: 'a', seconds: 3 }, { vault: HOME, item: 'b', seconds: 2 }]);
  });

  it('forgets an item\'s position on null (played to the end), keeping the others', () => {
    const positions = withPosition(withPosition(withPosition([], HOME, 'a', 1), BUCKET, 'a', 2), HOME, 'a', null);
    expect(positions).toEqual([{ vault: BUCKET, item: 'a', seconds: 2 }]);
  });

  it(`keeps the ${MAX_PLAYBACK_POSITIONS} newest, dropping the oldest`, () => {
    let positions: PlaybackPosition[] = [];
    for (let i = 0; i <= MAX_PLAYBACK_POSITIONS; i++) positions = withPosition(positions, HOME, `item${i}`, i);
    expect(positions).toHaveLength(MAX_PLAYBACK_POSITIONS);
    expect(positionOf(positions, HOME, 'item0')).toBeUndefined();
    expect(positionOf(positions, HOME, 'item1')).toBe(1);
    expect(positionOf(positions, HOME, `item${MAX_PLAYBACK_POSITIONS}`)).toBe(MAX_PLAYBACK_POSITIONS);
  });
});
