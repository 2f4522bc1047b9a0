/**
 * The only module that imports the generated Wails bindings. Everything else
 * calls these typed functions. Calls reject with an Error whose message is
 * already worded for the writer.
 */
import * as Library from '../../../wailsjs/go/app/Library';
import * as Editor from '../../../wailsjs/go/app/Editor';
import * as History from '../../../wailsjs/go/app/History';
import * as Compare from '../../../wailsjs/go/app/Compare';
import * as Settings from '../../../wailsjs/go/app/Settings';
import * as Lifecycle from '../../../wailsjs/go/app/Lifecycle';
import * as Sync from '../../../wailsjs/go/app/Sync';
import * as Review from '../../../wailsjs/go/app/Review';
import type { Wire } from './derive';
import { unpackComparison, unpackPreview } from './packed';
import { model, workspace } from '../../../wailsjs/go/models';
import type {
  ChangesInput,
  CommentInput,
  ConflictChoice,
  Doc,
  DraftState,
  Paper,
  ScriptPages,
  Figures,
  ExportResult,
  ExportOptions,
  IgnoreOptions,
  HostInfo,
  ImportResult,
  PackedComparison,
  PackedMergePreview,
  OpenedFile,
  NoticeInfo,
  PresenceUpdate,
  Profile,
  ProposalDoc,
  ProposalInfo,
  ProposalSaved,
  ProductionInfo,
  RevisionSetInfo,
  RevisionInfo,
  RevisionView,
  Role,
  ScriptInfo,
  ShareInfo,
  SumInput,
  SyncStatus,
  ThreadInfo,
  Visibility,
} from './types';

export type * from './types';
export { events, on } from './events';
export type { EventName, FilesOpened, HistoryChanged, LibraryChanged, Payloads, ReviewChanged, TaskProgress } from './events';

/**
 * Awaits a bound method. The generated binding's result type must fit T
 * (Wire<T>), so a method that starts returning another struct breaks the
 * check. Wails rejects with a plain string; make it an Error.
 */
async function call<T>(p: Promise<Wire<T>>): Promise<T> {
  try {
    return (await p) as T;
  } catch (e) {
    throw e instanceof Error ? e : new Error(String(e));
  }
}

/** Figures by the id they are of. */
function byId(list: Figures[] | null): Record<string, Figures> {
  const out: Record<string, Figures> = {};
  for (const f of list ?? []) out[f.id] = f;
  return out;
}

export const library = {
  list: () => call<ScriptInfo[]>(Library.List()),
  trash: () => call<ScriptInfo[]>(Library.Trash()),
  create: (title: string) => call<ScriptInfo>(Library.Create(title)),
  rename: (id: string, title: string) => call<ScriptInfo>(Library.Rename(id, title)),
  moveToTrash: (id: string) => call<ScriptInfo>(Library.MoveToTrash(id)),
  restoreFromTrash: (id: string) => call<ScriptInfo>(Library.RestoreFromTrash(id)),
  /** Each script's words and printed pages on paper (the PDF's count), by id; laid out once, then cached. */
  figures: (ids: string[], paper: Paper) => call<Figures[]>(Library.Figures(ids, paper)).then(byId),
  deleteForever: (id: string) => call<boolean>(Library.DeleteForever(id)),
  import: () => call<ImportResult>(Library.Import()),
  /** A dropped file, by name and size (never a path); resolves to the id its chunks are sent with. */
  importStart: (name: string, size: number) => call<string>(Library.ImportStart(name, size)),
  /** The next part of a dropped file, base64, under 48 KB; resolves to the bytes arrived so far. */
  importChunk: (id: string, chunk: string) => call<number>(Library.ImportChunk(id, chunk)),
  importFinish: (id: string) => call<ImportResult>(Library.ImportFinish(id)),
  /** The files given to the app to open (its command line, a double-click), numbered after `after`. */
  opened: (after: number) => call<OpenedFile[]>(Library.Opened(after)),
  /** Imports a file read in the page (its name says Fountain or Final Draft), sent in parts with editor.sendPart. */
  importUpload: (name: string, upload: string, sum: SumInput) =>
    call<ImportResult>(Library.ImportUpload(name, upload, workspace.TextSum.createFrom(sum))),
  /** Asks where to save (native dialog) and exports; resolves to the path written. */
  exportAs: (id: string, opts: ExportOptions) => call<ExportResult>(Library.ExportAs(id, opts)),
  revisionColors: () => call<string[]>(Library.RevisionColors()),
};

export const editor = {
  open: (id: string) => call<Doc>(Editor.Open(id)),
  /** Saves a whole draft in one call: only for a text well under 64 KB (stores/draft-sync.ts). */
  saveDraft: (id: string, text: string) => call<DraftState>(Editor.SaveDraft(id, text)),
  /** Saves the changes since the last save; stale (nothing saved) when they do not fit the library's draft. */
  saveDraftChanges: (id: string, changes: ChangesInput) =>
    call<DraftState>(Editor.SaveDraftChanges(id, workspace.Changes.createFrom(changes))),
  /** Sends part index (from 0) of a whole text under upload, for saveDraftUpload, review.saveProposalUpload or library.importUpload. */
  sendPart: (upload: string, index: number, part: string) => call<number>(Editor.SendPart(upload, index, part)),
  saveDraftUpload: (id: string, upload: string, sum: SumInput) =>
    call<DraftState>(Editor.SaveDraftUpload(id, upload, workspace.TextSum.createFrom(sum))),
  /** Saves text whole as the draft and records it: only for a text well under 64 KB; the editor uses commitDraft. */
  commit: (id: string, text: string, message: string) => call<RevisionInfo>(Editor.Commit(id, text, message)),
  /** Records the saved draft as a revision, when it is the text whose sum the editor shows (save first). */
  commitDraft: (id: string, message: string, sum: SumInput) =>
    call<RevisionInfo>(Editor.CommitDraft(id, message, workspace.TextSum.createFrom(sum))),
  /** How the saved draft falls on printed pages of paper ('letter' or 'a4'; the PDF export's pagination). */
  pages: (id: string, paper: Paper) => call<ScriptPages>(Editor.Pages(id, paper)),
};

export const history = {
  list: (id: string) => call<RevisionInfo[]>(History.List(id)),
  view: (id: string, rev: string) => call<RevisionView>(History.View(id, rev)),
  restore: (id: string, rev: string) => call<Doc>(History.Restore(id, rev)),
  /** How a revision falls on printed pages of paper (its PDF's pagination), named by its id. */
  pages: (id: string, rev: string, paper: Paper) => call<ScriptPages>(History.Pages(id, rev, paper)),
  /** Each revision's words and printed pages on paper (the PDF's count), by revision id; cached by id. */
  figures: (id: string, paper: Paper) => call<Figures[]>(History.Figures(id, paper)).then(byId),
};

/** "draft" stands for the text being typed where a revision id is expected. */
export const DRAFT = 'draft';

export const compare = {
  versions: (id: string, left: string, right: string, ignore?: IgnoreOptions) =>
    ignore && (ignore.notes || ignore.boneyard || ignore.whitespace)
      ? call<PackedComparison>(Compare.VersionsIgnoring(id, left, right, ignore)).then(unpackComparison)
      : call<PackedComparison>(Compare.Versions(id, left, right)).then(unpackComparison),
};

export const settings = {
  profile: () => call<Profile>(Settings.Profile()),
  setName: (name: string) => call<Profile>(Settings.SetName(name)),
  lastScript: () => call<string>(Settings.LastScript()),
  setLastScript: (id: string) => call<boolean>(Settings.SetLastScript(id)),
};

export const lifecycle = {
  quit: () => call<boolean>(Lifecycle.Quit()),
};

export const sync = {
  status: () => call<SyncStatus>(Sync.Status()),
  relayURL: () => call<string>(Sync.RelayURL()),
  /** A ws:// or wss:// address, or '' to stop syncing. */
  setRelayURL: (url: string) => call<SyncStatus>(Sync.SetRelayURL(url)),
  sharing: (id: string) => call<ShareInfo>(Sync.Sharing(id)),
  share: (id: string, visibility: Visibility) => call<ShareInfo>(Sync.Share(id, visibility)),
  /** An invite link (scriptroom://join?…) for role, valid for hours (0: a week). */
  invite: (id: string, role: Exclude<Role, 'owner'>, hours: number) => call<string>(Sync.Invite(id, role, hours)),
  join: (link: string) => call<ShareInfo>(Sync.Join(link)),
  setPresence: (id: string, scene: string, typing: boolean) => call<boolean>(Sync.SetPresence(id, scene, typing)),
  presence: (id: string) => call<PresenceUpdate[]>(Sync.Presence(id)),
  hostInfo: () => call<HostInfo>(Sync.HostInfo()),
  /** Runs a relay on this computer at port (0: a free one). */
  host: (port: number) => call<HostInfo>(Sync.Host(port)),
  stopHost: () => call<HostInfo>(Sync.StopHost()),
};

// Review: proposals (issue 6). Comments, inbox and activity are in their own block.

export const review = {
  /** Proposals of a script, newest first. */
  proposals: (id: string) => call<ProposalInfo[] | null>(Review.Proposals(id)).then((x) => x ?? []),
  /** Starts a proposal from main's head; the editor then edits it. */
  startProposal: (id: string, title: string, description: string) =>
    call<ProposalDoc>(Review.StartProposal(id, title, description)),
  openProposal: (id: string, name: string) => call<ProposalDoc>(Review.OpenProposal(id, name)),
  /** How the proposal's newest saved text falls on printed pages of paper, with that text's sum. */
  proposalPages: (id: string, name: string, paper: Paper) => call<ScriptPages>(Review.ProposalPages(id, name, paper)),
  /** The editor's autosave in proposal mode (at most once a second). */
  saveProposal: (id: string, name: string, text: string) => call<ProposalInfo>(Review.SaveProposal(id, name, text)),
  saveProposalChanges: (id: string, name: string, changes: ChangesInput) =>
    call<ProposalSaved>(Review.SaveProposalChanges(id, name, workspace.Changes.createFrom(changes))),
  saveProposalUpload: (id: string, name: string, upload: string, sum: SumInput) =>
    call<ProposalInfo>(Review.SaveProposalUpload(id, name, upload, workspace.TextSum.createFrom(sum))),
  withdraw: (id: string, name: string) => call<ProposalInfo>(Review.Withdraw(id, name)),
  reject: (id: string, name: string, reason: string) => call<ProposalInfo>(Review.Reject(id, name, reason)),
  preview: (id: string, name: string) => call<PackedMergePreview>(Review.Preview(id, name)).then(unpackPreview),
  /** Merges all of it; every conflict needs one choice. */
  merge: (id: string, name: string, choices: ConflictChoice[]) => call<ProposalInfo>(Review.Merge(id, name, choices)),
  /** Merges only these scenes (SceneChoice.index); the proposal stays open. */
  acceptScenes: (id: string, name: string, scenes: number[]) => call<ProposalInfo>(Review.AcceptScenes(id, name, scenes)),
  /** Merges only these changes (indices into the preview's withBase changes, of that head); the proposal stays open. */
  acceptChanges: (id: string, name: string, head: string, changes: number[]) =>
    call<ProposalInfo>(Review.AcceptChanges(id, name, head, changes)),
  /** Rebases an outdated proposal onto main. */
  update: (id: string, name: string) => call<ProposalInfo>(Review.Update(id, name)),
};
// Production drafts (issue 14): the lock, revision sets, marks cleared.

export const production = {
  /** The script's production state (its room's when shared). */
  get: (id: string) => call<ProductionInfo>(Review.Production(id)),
  lock: (id: string) => call<ProductionInfo>(Review.LockProduction(id)),
  unlock: (id: string) => call<ProductionInfo>(Review.UnlockProduction(id)),
  /** Renumbers: the newest revision becomes the locked one. */
  relock: (id: string) => call<ProductionInfo>(Review.RelockProduction(id)),
  /** Starts a revision set: later changes are marked in its colour. */
  startSet: (id: string, set: RevisionSetInfo) => call<ProductionInfo>(Review.StartRevisionSet(id, model.RevisionSetInfo.createFrom(set))),
  clearMarks: (id: string) => call<ProductionInfo>(Review.ClearRevisionMarks(id)),
};

// Review: comments, inbox and activity (issue 6). Proposals are in their own block.

export const comments = {
  /** Threads in script order, anchored in revision ('' = head); outdated ones last. */
  list: (id: string, revision = '') => call<ThreadInfo[] | null>(Review.Comments(id, revision)).then((x) => x ?? []),
  add: (id: string, input: CommentInput) => call<ThreadInfo>(Review.AddComment(id, input)),
  reply: (id: string, thread: string, body: string) => call<ThreadInfo>(Review.Reply(id, thread, body)),
  edit: (id: string, comment: string, body: string) => call<ThreadInfo>(Review.EditComment(id, comment, body)),
  remove: (id: string, comment: string) => call<boolean>(Review.DeleteComment(id, comment)),
  resolve: (id: string, thread: string) => call<ThreadInfo>(Review.Resolve(id, thread)),
  reopen: (id: string, thread: string) => call<ThreadInfo>(Review.Reopen(id, thread)),
  /** The writer has seen everything of this script up to now. */
  markRead: (id: string) => call<boolean>(Review.MarkRead(id)),
};

export const inbox = {
  /** Notices across every shared script, newest first. */
  list: () => call<NoticeInfo[] | null>(Review.Inbox()).then((x) => x ?? []),
  /** Everything that happened in one script, newest first. */
  activity: (id: string) => call<NoticeInfo[] | null>(Review.Activity(id)).then((x) => x ?? []),
  unread: () => call<number>(Review.Unread()),
};
