/**
 * Where playback picks up and what is remembered when it stops. [Note: resume rule] A position
 * within the first seconds is not worth resuming, and one near the end means the item was watched:
 * both start from the beginning, and a position near the end is forgotten (saved as null).
 */
export const RESUME_MIN_SECONDS = 5;
const END_MARGIN_SECONDS = 10;
const END_FRACTION = 0.95;

function nearEnd(seconds: number, duration: number): boolean {
  return Number.isFinite(duration) && duration > 0 && (seconds >= duration - END_MARGIN_SECONDS || seconds >= duration * END_FRACTION);
}

/** The second to start at, or null to start from the beginning. */
export function resumePoint(resumeAt: number | null, duration: number): number | null {
  if (resumeAt === null || resumeAt <= RESUME_MIN_SECONDS) return null;
  if (nearEnd(resumeAt, duration)) return null;
  return resumeAt;
}

/** What savePosition should remember for playback that stopped at `seconds`: null once it is (nearly) over. */
export function positionToSave(seconds: number, duration: number, ended: boolean): number | null {
  if (ended || nearEnd(seconds, duration)) return null;
  return Math.max(0, seconds);
}
