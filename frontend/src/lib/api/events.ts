/**
 * Every event the Go side emits, with its payload, in one place: the UI
 * subscribes only through `on` here. Names are those of the Event* constants
 * in app/ (events.test.ts reads the Go files and fails when they differ);
 * payloads are the generated models, or, for the structs no bound method
 * returns (Wails generates only those), field lists checked against the Go
 * structs by the same test.
 */
import { EventsOn } from '../../../wailsjs/runtime/runtime';
import type { app } from '../../../wailsjs/go/models';
import type { Wire } from './derive';
import type { PresenceUpdate, Profile, SyncStatus } from './types';

/** Event names by their Go constant's name. */
export const goEventNames = {
  EventLibraryChanged: 'library:changed',
  EventHistoryChanged: 'history:changed',
  EventTaskProgress: 'task:progress',
  EventFilesOpened: 'files:opened',
  EventProfileChanged: 'profile:changed',
  EventSyncStatus: 'sync:status',
  EventPresenceUpdate: 'presence:update',
  EventReviewChanged: 'review:changed',
  EventBeforeClose: 'app:before-close',
} as const;

/** Event names, for the UI. */
export const events = {
  libraryChanged: goEventNames.EventLibraryChanged,
  historyChanged: goEventNames.EventHistoryChanged,
  taskProgress: goEventNames.EventTaskProgress,
  /** Script files were given to the app while it runs: read them with library.opened. */
  filesOpened: goEventNames.EventFilesOpened,
  /** The writer's name changed: revisions they made show it. */
  profileChanged: goEventNames.EventProfileChanged,
  syncStatus: goEventNames.EventSyncStatus,
  presenceUpdate: goEventNames.EventPresenceUpdate,
  reviewChanged: goEventNames.EventReviewChanged,
  /** Save what is being typed, then call lifecycle.quit. */
  beforeClose: goEventNames.EventBeforeClose,
} as const;

export type EventName = (typeof goEventNames)[keyof typeof goEventNames];

/**
 * Fields of the payload structs Wails does not generate (json name → type),
 * as in app/events.go.
 */
export const payloadFields = {
  LibraryChanged: { scriptId: 'string' },
  HistoryChanged: { scriptId: 'string', head: 'string' },
  TaskProgress: { task: 'string', scriptId: 'string', stage: 'string', step: 'number', steps: 'number' },
  ReviewChanged: { scriptId: 'string' },
  FilesOpened: { count: 'number' },
} as const;

type FieldTypes = { string: string; number: number; boolean: boolean };
type Fields<N extends keyof typeof payloadFields> = {
  readonly [K in keyof (typeof payloadFields)[N]]: FieldTypes[(typeof payloadFields)[N][K] & keyof FieldTypes];
};

/** Payload of library:changed: a script was added, renamed, trashed or restored. */
export type LibraryChanged = Fields<'LibraryChanged'>;
/** Payload of history:changed: a revision was committed or restored ('' head when restored). */
export type HistoryChanged = Fields<'HistoryChanged'>;
/** Payload of task:progress: step of steps is done; stage is 'done' at the end. */
export type TaskProgress = Fields<'TaskProgress'>;
/** Payload of review:changed: a script's proposals, comments or inbox changed. */
export type ReviewChanged = Fields<'ReviewChanged'>;
/** Payload of files:opened: how many files were given to the app to open. */
export type FilesOpened = Fields<'FilesOpened'>;

/** The Go type of each event's payload (the `Payload:` of its constant's doc); null for none. */
export const payloadTypes = {
  'library:changed': 'LibraryChanged',
  'history:changed': 'HistoryChanged',
  'task:progress': 'TaskProgress',
  'files:opened': 'FilesOpened',
  'profile:changed': 'Profile',
  'sync:status': 'SyncStatus',
  'presence:update': 'PresenceUpdate',
  'review:changed': 'ReviewChanged',
  'app:before-close': null,
} as const satisfies Record<EventName, string | null>;

/** What a subscriber to each event receives. */
export interface Payloads {
  'library:changed': LibraryChanged;
  'history:changed': HistoryChanged;
  'task:progress': TaskProgress;
  'files:opened': FilesOpened;
  'profile:changed': Profile;
  'sync:status': SyncStatus;
  'presence:update': PresenceUpdate;
  'review:changed': ReviewChanged;
  'app:before-close': void;
}

// Payloads has exactly the events above, and each payload matches its Go type:
// the generated model, or the checked field list.
type Models = { [N in keyof typeof app]: (typeof app)[N] extends abstract new (...a: never) => infer I ? I : never };
type Matches<E extends EventName> =
  (typeof payloadTypes)[E] extends infer N
    ? N extends null
      ? Payloads[E] extends void ? true : false
      : N extends keyof typeof payloadFields
        ? [Payloads[E]] extends [Fields<N>] ? ([Fields<N>] extends [Payloads[E]] ? true : false) : false
        : N extends keyof Models
          ? Models[N] extends Wire<Payloads[E]> ? true : false
          : false
    : false;
/** The events whose payload type does not match Go's; the check below names them. */
type Mismatched = { [E in EventName]: Matches<E> extends true ? never : E }[EventName] | Exclude<keyof Payloads, EventName>;
export const payloadsMatchGo: [Mismatched] extends [never] ? true : `payload differs from Go: ${Mismatched}` = true;

/** Subscribes to a backend event; returns the unsubscribe function. */
export function on<E extends EventName>(name: E, fn: (payload: Payloads[E]) => void): () => void {
  return EventsOn(name, (payload: unknown) => fn(payload as Payloads[E]));
}
