/**
 * The shapes the Go services return, derived from the generated Wails models
 * (wailsjs/go/models.ts, from the structs in app/ and internal/). A field
 * renamed, removed or retyped in Go breaks `npm run check`. Only the
 * narrowings Go cannot express are written here (string unions, slices and
 * pointers that may be nil), and each is checked against the struct.
 */
import type { app, diff, model, review, store, workspace } from '../../../wailsjs/go/models';
import type { Data, Input, Refine } from './derive';

export type Figures = Data<app.Figures>;

export type ScriptInfo = Data<app.ScriptInfo>;
export type ImportResult = Data<app.ImportResult>;
export type OpenedFile = Data<app.OpenedFile>;
export type ExportResult = Data<app.ExportResult>;
export type Doc = Data<app.Document>;
export type DraftState = Data<app.DraftState>;

/** Where the saved draft's printed pages start, and its scenes' pages (workspace.ScriptPages). */
export type ScriptPages = Refine<workspace.ScriptPages, { paper: Paper; set: RevisionSetInfo | null }>;
/** A revision set: name, colour of the industry order, date YYYY-MM-DD (model.RevisionSetInfo). */
export type RevisionSetInfo = Data<model.RevisionSetInfo>;
/** A script's production state: the lock, its sets, their history (app.ProductionInfo). */
export type ProductionInfo = Refine<app.ProductionInfo, { set: RevisionSetInfo | null }>;
export type PageStart = Data<workspace.PageStart>;
export type ScenePage = Data<workspace.ScenePage>;
/** One save of the editor's changes (editor/changes.ts builds it, workspace.ApplyChanges applies it). */
export type ChangesInput = Data<workspace.Changes>;
/** A text's length and hash, to check a text sent in parts (workspace.TextSum). */
export type SumInput = Data<workspace.TextSum>;

export type RevisionInfo = Refine<store.RevisionInfo, { parents: readonly string[] | null }>;
export type RevisionView = Refine<app.RevisionView, { info: RevisionInfo }>;

export type Profile = Data<app.Profile>;

// Comparing two versions (internal/diff, app/compare.go).

export type RowKind = 'equal' | 'insert' | 'delete' | 'change';
export type Segment = Refine<diff.Segment, { kind: 'equal' | 'delete' | 'insert' }>;
/** A stretch of rows as Go sends them (diff.Run): count equal rows, or one row. */
export type Run = Refine<diff.Run, { kind: RowKind; segments?: readonly Segment[] | null }>;
/**
 * One row of the side-by-side view (diff.Row in Go), rebuilt in the page
 * from a packed result's runs and lines (api/packed.ts). A side without a
 * line has line 0 and text ''; element types are internal/fountain's ('' or
 * absent for blank lines and the title page).
 */
export type Row = Omit<Run, 'count' | 'ownRight'> & {
  readonly leftText: string;
  readonly rightText: string;
  readonly leftElement?: string;
  readonly rightElement?: string;
};
export type Change = Refine<diff.Change, { elements: readonly Data<diff.ElementRef>[] | null }>;

export type SceneChangeKind = 'added' | 'removed' | 'modified' | 'rewritten' | 'moved';
export type SceneChange = Refine<diff.SceneChange, { kind: SceneChangeKind }>;

export type SceneSummary = Refine<
  diff.SceneSummary,
  {
    changes: readonly SceneChange[] | null;
    reassigned: readonly Data<diff.Reassignment>[] | null;
    renamed: readonly Data<diff.Rename>[] | null;
  }
>;

/** A comparison's result as Go sends it (diff.View): each line's text once, the rows as runs. */
export type PackedResult = Refine<
  diff.View,
  {
    left: readonly string[] | null;
    right: readonly string[] | null;
    leftElements: readonly number[] | null;
    rightElements: readonly number[] | null;
    runs: readonly Run[] | null;
    changes: readonly Change[] | null;
    summary?: SceneSummary | null;
  }
>;

/** A comparison's result as the views use it: the packed result with its rows rebuilt. */
export type DiffResult = Omit<PackedResult, 'left' | 'right' | 'elements' | 'leftElements' | 'rightElements' | 'runs'> & {
  readonly rows: readonly Row[];
};

/** What the compare view leaves out of the changes and the scene summary. */
export type IgnoreOptions = Input<diff.Ignore, {}>;

export type Version = Data<app.Version>;
/** A comparison as Go sends it. */
export type PackedComparison = Refine<app.Comparison, { result: PackedResult }>;
/** A comparison as the views use it (rows rebuilt). */
export type Comparison = Omit<PackedComparison, 'result'> & { readonly result: DiffResult };

// Export.

export type ExportFormat = 'fountain' | 'fdx' | 'pdf';
export type Paper = 'letter' | 'a4';
/** How to export a script: format, revision to mark changes against ('' for none), colour, paper. */
export type ExportOptions = Input<app.ExportOptions, { format: ExportFormat; paper: Paper }>;

// Sync and sharing.

export type SyncState = 'offline' | 'connecting' | 'syncing' | 'online';
export type SyncStatus = Refine<app.SyncStatus, { state: SyncState }>;

export type Visibility = 'private' | 'invite' | 'public';
export type Role = 'owner' | 'editor' | 'proposer' | 'commenter' | 'reader';
export type ShareInfo = Refine<app.ShareInfo, { visibility: Visibility; role: Role | '' }>;

/** The relay hosted on this computer; urls are what teammates on the same network enter. */
export type HostInfo = Data<app.HostInfo>;

/** Where a collaborator is (also the payload of presence:update). */
export type PresenceUpdate = Data<app.PresenceUpdate>;

// Review: proposals (app/review*.go).

export type ProposalStatus = 'open' | 'merged' | 'rejected' | 'withdrawn' | 'needs-update';

/** A proposal: a branch of a shared script someone offers for merging into main. */
export type ProposalInfo = Refine<app.ProposalInfo, { status: ProposalStatus; scenes: readonly string[] | null }>;

/** What the editor opens in proposal mode. */
export type ProposalDoc = Refine<app.ProposalDoc, { proposal: ProposalInfo }>;

/** A proposal saved as changes; stale when they did not fit its text (nothing saved). */
export type ProposalSaved = Refine<app.ProposalSaved, { proposal: ProposalInfo }>;

/** One conflict between main and a proposal. */
export type ConflictRegion = Data<review.Region>;

/** How one conflict is resolved when merging; text is the edited text when take is 'edit'. */
export type ConflictChoice = Input<app.ConflictChoice, { take: 'main' | 'proposal' | 'edit' }>;

/** A scene of the proposal's changes, for accepting only some scenes. */
export type SceneChoice = Refine<app.SceneChoice, { kind: 'added' | 'removed' | 'modified' | 'moved' }>;

/** What the owner reviews before deciding, as Go sends it; withMain is null when main has not moved. */
export type PackedMergePreview = Refine<
  app.MergePreview,
  {
    proposal: ProposalInfo;
    withBase: PackedComparison;
    withMain?: PackedComparison | null;
    conflicts: readonly ConflictRegion[] | null;
    changedScenes: readonly SceneChoice[] | null;
  }
>;

/** What the owner reviews before deciding, its comparisons' rows rebuilt. */
export type MergePreview = Omit<PackedMergePreview, 'withBase' | 'withMain'> & {
  readonly withBase: Comparison;
  readonly withMain?: Comparison | null;
};

// Review: comments, inbox and activity.

export type CommentInfo = Data<app.CommentInfo>;

/** A comment thread anchored in a revision (lines 1-based, re-anchored in the revision asked for). */
export type ThreadInfo = Refine<app.ThreadInfo, { replies: readonly CommentInfo[] | null }>;

/** What AddComment takes: revision '' for the head, proposal '' for main. */
export type CommentInput = Input<app.CommentInput, {}>;

export type NoticeKind =
  | 'proposal-opened'
  | 'proposal-merged'
  | 'proposal-rejected'
  | 'proposal-needs-update'
  | 'comment';

/** One line of the inbox or of a script's activity. */
export type NoticeInfo = Refine<app.NoticeInfo, { kind: NoticeKind | (string & {}) }>;
