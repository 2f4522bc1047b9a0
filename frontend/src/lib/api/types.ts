/** The shapes the Go services return (see app/*.go and internal/store). */

export interface Stats {
  readonly words: number;
  readonly pages: number;
}

export interface ScriptInfo {
  readonly id: string;
  readonly title: string;
  readonly created: string;
  readonly modified: string;
  readonly head: string;
  readonly trashed: boolean;
  readonly words: number;
  readonly pages: number;
}

export interface ImportResult {
  readonly script: ScriptInfo;
  readonly notices: readonly string[];
}

export interface Doc {
  readonly script: ScriptInfo;
  readonly text: string;
  readonly base: string;
  readonly committed: boolean;
  readonly saved: string;
  readonly stats: Stats;
}

export interface DraftState {
  readonly saved: string;
  readonly committed: boolean;
  readonly stats: Stats;
}

export interface RevisionInfo {
  readonly id: string;
  readonly parents: readonly string[] | null;
  readonly author: string;
  readonly authorName: string;
  readonly time: string;
  readonly message: string;
  readonly seq: number;
  readonly stats: Stats;
}

export interface RevisionView {
  readonly info: RevisionInfo;
  readonly text: string;
}

export interface Profile {
  readonly name: string;
  readonly userId: string;
  readonly libraryPath: string;
}

export type RowKind = 'equal' | 'insert' | 'delete' | 'change';

export interface Segment {
  readonly kind: 'equal' | 'delete' | 'insert';
  readonly text: string;
}

export interface Row {
  readonly kind: RowKind;
  readonly leftLine: number;
  readonly leftText: string;
  readonly rightLine: number;
  readonly rightText: string;
  readonly lineEndingOnly?: boolean;
  readonly segments?: readonly Segment[] | null;
}

export interface Change {
  readonly firstRow: number;
  readonly lastRow: number;
  readonly leftStart: number;
  readonly leftEnd: number;
  readonly rightStart: number;
  readonly rightEnd: number;
  readonly scene?: string;
}

export interface SceneChange {
  readonly kind: 'added' | 'removed' | 'modified' | 'rewritten' | 'moved';
  readonly oldScene: number;
  readonly newScene: number;
  readonly oldHeading?: string;
  readonly newHeading?: string;
  readonly oldLine: number;
  readonly newLine: number;
  readonly linesAdded: number;
  readonly linesRemoved: number;
  readonly similarity: number;
}

export interface SceneSummary {
  readonly oldScenes: number;
  readonly newScenes: number;
  readonly unchanged: number;
  readonly changes: readonly SceneChange[] | null;
  readonly reassigned: readonly { from: string; to: string; text: string; oldLine: number; newLine: number; scene?: string }[] | null;
  readonly renamed: readonly { from: string; to: string; speeches: number }[] | null;
  readonly preambleChanged: boolean;
  readonly outlineChanged: boolean;
}

export interface DiffResult {
  readonly rows: readonly Row[];
  readonly changes: readonly Change[] | null;
  readonly stats: { equal: number; inserted: number; deleted: number; changed: number };
  readonly degraded: boolean;
  readonly summary?: SceneSummary | null;
}

export interface Version {
  readonly id: string;
  readonly label: string;
  readonly message: string;
}

export interface Comparison {
  readonly left: Version;
  readonly right: Version;
  readonly result: DiffResult;
}

export type ExportFormat = 'fountain' | 'fdx' | 'pdf';

/** How to export a script; see app.ExportOptions. */
export interface ExportOptions {
  format: ExportFormat;
  /** Revision to mark changed lines against (PDF); '' for none. */
  base: string;
  /** Revision colour for the page header (PDF); '' for none. */
  color: string;
  paper: 'letter' | 'a4';
  sceneNumbers: boolean;
}

/** Payload of the task:progress event. */
export interface TaskProgress {
  readonly task: string;
  readonly scriptId: string;
  readonly stage: string;
  readonly step: number;
  readonly steps: number;
}

/** Payload of sync:status and answer of sync.status; see app.SyncStatus. */
export interface SyncStatus {
  readonly state: 'offline' | 'connecting' | 'syncing' | 'online';
  readonly pending: number;
  readonly error: string;
  readonly relay: string;
  readonly hosting: boolean;
}

export type Visibility = 'private' | 'invite' | 'public';
export type Role = 'owner' | 'editor' | 'proposer' | 'commenter' | 'reader';

/** How a script is shared; see app.ShareInfo. */
export interface ShareInfo {
  readonly scriptId: string;
  readonly title: string;
  readonly shared: boolean;
  readonly visibility: Visibility;
  readonly role: Role | '';
  readonly relay: string;
}

/** The relay hosted on this computer; see app.HostInfo. */
export interface HostInfo {
  readonly running: boolean;
  readonly port: number;
  /** Addresses teammates on the same network enter as their relay. */
  readonly urls: readonly string[];
  readonly data: string;
}

/** Payload of presence:update: where a collaborator is. */
export interface PresenceUpdate {
  readonly who: string;
  readonly name: string;
  readonly scriptId: string;
  readonly scene: string;
  readonly typing: boolean;
  readonly gone: boolean;
}

// Review: proposals (issue 6), see app/review*.go. Comments and inbox are in their own block.

export type ProposalStatus = 'open' | 'merged' | 'rejected' | 'withdrawn' | 'needs-update';

/** A proposal: a branch of a shared script someone offers for merging into main. */
export interface ProposalInfo {
  /** Branch name, unique in the script's room. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly author: string;
  readonly authorName: string;
  /** Revision the proposal started from, and its newest revision. */
  readonly base: string;
  readonly head: string;
  readonly status: ProposalStatus;
  readonly created: string;
  readonly updated: string;
  /** Headings of the scenes it touches. */
  readonly scenes: readonly string[] | null;
  /** I am its author (may edit and withdraw). */
  readonly mine: boolean;
  /** I am owner or editor and it is not decided. */
  readonly canDecide: boolean;
  /** Main has moved since its base. */
  readonly outdated: boolean;
  readonly merge?: string;
  readonly decidedBy?: string;
  readonly reason?: string;
}

/** What the editor opens in proposal mode. */
export interface ProposalDoc {
  readonly scriptId: string;
  readonly proposal: ProposalInfo;
  readonly text: string;
}

/** One conflict between main and a proposal (review.Region). */
export interface ConflictRegion {
  readonly index: number;
  readonly base: string;
  readonly main: string;
  readonly proposal: string;
  readonly mainStart: number;
  readonly mainEnd: number;
  readonly proposalStart: number;
  readonly proposalEnd: number;
  readonly scene?: string;
}

/** How one conflict is resolved when merging. */
export interface ConflictChoice {
  index: number;
  take: 'main' | 'proposal' | 'edit';
  /** The edited text when take is 'edit'. */
  text: string;
}

/** A scene of the proposal's changes, for accepting only some scenes. */
export interface SceneChoice {
  readonly index: number;
  readonly heading: string;
  readonly kind: 'added' | 'removed' | 'modified' | 'moved';
}

/** What the owner reviews before deciding. */
export interface MergePreview {
  readonly proposal: ProposalInfo;
  /** Base → proposal head. */
  readonly withBase: Comparison;
  /** Main head → proposal head; null when main has not moved. */
  readonly withMain: Comparison | null;
  readonly clean: boolean;
  readonly conflicts: readonly ConflictRegion[] | null;
  readonly sceneCount: number;
  readonly changedScenes: readonly SceneChoice[] | null;
}

/** Payload of review:changed. */
export interface ReviewChanged {
  readonly scriptId: string;
}

// Review: comments, inbox and activity (app/review*.go; issue 6).

/** One comment of a thread; see app.CommentInfo. */
export interface CommentInfo {
  readonly id: string;
  readonly author: string;
  readonly authorName: string;
  readonly body: string;
  readonly created: string;
  readonly edited: boolean;
  readonly mine: boolean;
}

/** A comment thread anchored in a revision; see app.ThreadInfo. */
export interface ThreadInfo {
  /** The root comment's id. */
  readonly id: string;
  readonly root: CommentInfo;
  readonly replies: readonly CommentInfo[] | null;
  /** 1-based, in the revision asked for (re-anchored). */
  readonly startLine: number;
  readonly endLine: number;
  readonly quote: string;
  /** Its text is gone from the revision asked for. */
  readonly outdated: boolean;
  readonly resolved: boolean;
  readonly unread: number;
  /** Branch name when made on a proposal's revision. */
  readonly proposal?: string;
}

/** What AddComment takes; see app.CommentInput. */
export interface CommentInput {
  /** '' for the script's current head (or the proposal's head). */
  revision: string;
  /** '' for main. */
  proposal: string;
  startLine: number;
  endLine: number;
  quote: string;
  body: string;
}

export type NoticeKind =
  | 'proposal-opened'
  | 'proposal-merged'
  | 'proposal-rejected'
  | 'proposal-needs-update'
  | 'comment';

/** One line of the inbox or of a script's activity; see app.NoticeInfo. */
export interface NoticeInfo {
  readonly kind: NoticeKind | string;
  readonly scriptId: string;
  readonly scriptTitle: string;
  readonly proposal?: string;
  readonly proposalTitle?: string;
  readonly thread?: string;
  readonly comment?: string;
  readonly byName: string;
  readonly at: string;
  readonly text: string;
  readonly unread: boolean;
}
