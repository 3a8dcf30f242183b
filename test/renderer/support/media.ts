/**
 * jsdom's media elements neither load nor play. This gives them the state a browser's would have
 * (paused, position, duration, buffered ranges, error) and the events that go with it, driven by
 * the test: `loaded(element, seconds)` is the metadata arriving, `fail(element, code)` a MediaError.
 */
interface State {
  paused: boolean;
  ended: boolean;
  currentTime: number;
  duration: number;
  readyState: number;
  buffered: [number, number][];
  error: { code: number } | null;
}

const states = new WeakMap<HTMLMediaElement, State>();
function state(element: HTMLMediaElement): State {
  let own = states.get(element);
  if (!own) states.set(element, (own = { paused: true, ended: false, currentTime: 0, duration: Number.NaN, readyState: 0, buffered: [], error: null }));
  return own;
}
const fire = (element: HTMLMediaElement, ...names: string[]) => names.forEach((name) => element.dispatchEvent(new Event(name)));

export function fakeMediaPlayback() {
  const proto = HTMLMediaElement.prototype;
  const getter = (name: keyof State | 'buffered', get: (s: State) => unknown) =>
    Object.defineProperty(proto, name, { configurable: true, get(this: HTMLMediaElement) { return get(state(this)); } });
  getter('paused', (s) => s.paused);
  getter('ended', (s) => s.ended);
  getter('duration', (s) => s.duration);
  getter('readyState', (s) => s.readyState);
  getter('error', (s) => s.error);
  getter('buffered', (s) => ({ length: s.buffered.length, start: (i: number) => s.buffered[i]![0], end: (i: number) => s.buffered[i]![1] }));
  Object.defineProperty(proto, 'currentTime', {
    configurable: true,
    get(this: HTMLMediaElement) {
      return state(this).currentTime;
    },
    set(this: HTMLMediaElement, seconds: number) {
      state(this).currentTime = seconds;
      fire(this, 'seeking', 'timeupdate', 'seeked');
    },
  });
  proto.play = function play(this: HTMLMediaElement) {
    const s = state(this);
    if (s.paused) {
      s.paused = false;
      s.ended = false;
      fire(this, 'play', 'playing');
    }
    return Promise.resolve();
  };
  proto.pause = function pause(this: HTMLMediaElement) {
    const s = state(this);
    if (!s.paused) {
      s.paused = true;
      fire(this, 'pause');
    }
  };
  proto.load = function load() {};

  return {
    loaded(element: HTMLMediaElement, duration: number, buffered: [number, number][] = []) {
      Object.assign(state(element), { duration, readyState: 4, buffered });
      fire(element, 'durationchange', 'loadedmetadata', 'progress');
    },
    fail(element: HTMLMediaElement, code: number) {
      state(element).error = { code };
      fire(element, 'error');
    },
  };
}
