import type { EventName } from '../../contract/channels.js';
import type { EventPayload } from '../../contract/ipc.js';

/** Where main's events go: the Electron layer sends them to the window; tests record them. */
export type EventSink = <K extends EventName>(name: K, payload: EventPayload<K>) => void;
