/**
 * The script open in the editor: the CodeMirror view, its text on main,
 * autosave, the scene list, the element of the cursor's line and the
 * revision history. Proposal mode, the revision preview and the side panels
 * are elsewhere; they drive the editor through this controller.
 *
 * Construct it while a component initialises; call mount() with the host
 * element, and dispose() when the component goes.
 */
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, type ViewUpdate } from '@codemirror/view';
import { editor as api, history as historyApi, type Doc, type DraftState, type RevisionInfo } from '../../api';
import { changeBetween, currentElement, sceneList, scriptStart, setElement, textSum, toggleRawMarkup, writingExtensions, type Element } from '../../editor';
import { get } from 'svelte/store';
import { rawMarkup } from '../../stores/markup';
import type { Scene } from '../../fountain/classify';
import type { SaveState } from '../../stores/autosave';
import { ChangeSaver, type TextSaver } from '../../stores/change-saver';
import { draftChannel } from '../../stores/save-channels';
import { error, info } from '../../stores/notices';
import { t } from '../../i18n/en';
import { sceneAt } from './scenes';
import { findPanel } from './find-session.svelte';
import { Pagination } from './pagination.svelte';

/** What the editor needs from the screen around it. */
export interface ControllerHooks {
  /** The script's title, when it loads. */
  readonly ontitle: (title: string) => void;
  /** Ctrl/Cmd+S in the editor. */
  readonly onSaveShortcut: () => void;
  /** Every view update, before the controller's own work (comments follow the selection). */
  readonly onUpdate: (u: ViewUpdate) => void;
  /** The text changed by typing or a command (presence). */
  readonly onTyped: () => void;
  /** Extensions added to every new editor state (comment marks). */
  readonly extra: () => Extension[];
  /** The text and its history were replaced (comment marks are painted again). */
  readonly onNewDoc: () => void;
}

export class EditorController {
  readonly scriptId: string;
  saveState = $state<SaveState>('saved');
  saveError = $state('');
  /** The draft, as last saved, equals the head revision. */
  committed = $state(false);
  /** The words of main's draft, as last saved. */
  words = $state(0);
  /** The head revision's id, '' before the first. */
  head = $state('');
  title = $state('');
  scenes = $state.raw<readonly Scene[]>([]);
  currentScene = $state(-1);
  element = $state<Element | null>(null);
  revisions = $state.raw<RevisionInfo[]>([]);
  /** Read-only (a decided proposal, or one being updated). */
  readonly editable = new Compartment();
  /** Printed pages of main's draft: breaks, numbers, the scenes' pages, go to. */
  readonly paging: Pagination;

  view: EditorView | undefined;
  #host: HTMLElement | undefined;
  readonly #hooks: ControllerHooks;
  /** Where typed text goes: main's autosave, or proposal mode's. */
  #sink: TextSaver;
  #readOnly = false;

  /** Autosave of main's draft: the changes since the last save (stores/draft-sync.ts), never a whole script in one call. */
  readonly saver: ChangeSaver<DraftState>;

  constructor(scriptId: string, hooks: ControllerHooks) {
    this.scriptId = scriptId;
    this.#hooks = hooks;
    this.paging = new Pagination(scriptId, () => this.view);
    // The text each save sends, noted so the pages of that save land where it is now.
    let snap = 0;
    this.saver = new ChangeSaver({
      idleMs: 500,
      maxWaitMs: 1000,
      channel: draftChannel(scriptId),
      saving: (doc) => (snap = this.paging.begin(doc)),
      saved: (st) => {
        this.paging.saved(snap, st.saved);
        this.words = st.words;
        this.committed = st.committed;
      },
      onState: (s, e) => this.setSaveState(s, e),
    });
    this.#sink = this.saver;
  }

  /** Shows a save state (main's or a proposal's) in the status bar. */
  setSaveState(s: SaveState, e?: string): void {
    this.saveState = s;
    this.saveError = e ?? '';
  }

  /** Sends typed text to `saver` from now on (main's autosave by default). */
  route(saver: TextSaver): void {
    this.#sink = saver;
  }

  /** The element the editor goes in; the first load creates the view. */
  mount(host: HTMLElement): void {
    this.#host = host;
  }

  /** Makes the editor read-only, or writable again. */
  setReadOnly(ro: boolean): void {
    this.#readOnly = ro;
    this.view?.dispatch({ effects: this.editable.reconfigure(EditorState.readOnly.of(ro)) });
  }

  #state(doc: string): EditorState {
    const state = EditorState.create({
      doc,
      extensions: writingExtensions({
        readOnly: this.editable,
        readOnlyAtStart: this.#readOnly,
        onSaveShortcut: this.#hooks.onSaveShortcut,
        onUpdate: (u) => this.#update(u),
        findPanel,
        markup: { raw: get(rawMarkup), onchange: (raw) => rawMarkup.set(raw) },
        extra: [...this.paging.extensions(), ...this.#hooks.extra()],
      }),
    });
    // Open on the script itself, so that the title page shows as one.
    return state.update({ selection: { anchor: scriptStart(state) } }).state;
  }

  /** Switches between the rendered markup and the raw Fountain. */
  toggleRaw(): void {
    if (!this.view) return;
    toggleRawMarkup(this.view);
    this.view.focus();
  }

  #update(u: ViewUpdate): void {
    this.#hooks.onUpdate(u);
    if (u.selectionSet || u.docChanged) this.element = currentElement(u.state);
    if (u.docChanged) {
      this.#sink.change(u.changes, u.state.doc);
      this.#updateScenes(u.state);
      this.#hooks.onTyped();
    } else if (u.selectionSet) {
      this.#updateCurrentScene(u.state);
    }
  }

  #updateScenes(state: EditorState): void {
    // The same array while no heading changed: the list is not redrawn on every key.
    const list = state.field(sceneList);
    if (list !== this.scenes) this.scenes = list;
    this.#updateCurrentScene(state);
  }

  #updateCurrentScene(state: EditorState): void {
    this.currentScene = sceneAt(this.scenes, state.doc.lineAt(state.selection.main.head).number - 1);
  }

  /** The text in the editor. */
  text(): string {
    return this.view?.state.doc.toString() ?? '';
  }

  focus(): void {
    this.view?.focus();
  }

  /** Replaces the text and its undo history (switching between main and a proposal); nothing is saved. */
  setDoc(doc: string): void {
    if (!this.view) {
      if (!this.#host) return;
      this.view = new EditorView({ parent: this.#host, state: this.#state(doc) });
    } else {
      this.view.setState(this.#state(doc));
      this.#hooks.onNewDoc();
    }
    // The library holds this text: the next save sends the changes made to it.
    this.#sink.reset(this.view.state.doc);
    this.#updateScenes(this.view.state);
    this.paging.follow();
    this.element = currentElement(this.view.state);
    this.view.focus();
  }

  /** Replaces the editor's text by the span that differs, so the cursor and undo history stay. */
  replaceText(text: string): void {
    if (!this.view) return;
    const c = changeBetween(this.view.state.doc.toString(), text);
    if (c) this.view.dispatch({ changes: c });
  }

  /** Shows main's draft; `fresh` starts a new undo history. */
  load(d: Doc, fresh = false): void {
    this.title = d.script.title;
    this.#hooks.ontitle(d.script.title);
    this.words = d.words;
    this.committed = d.committed;
    this.head = d.script.head;
    if (!this.view || fresh) {
      this.setDoc(d.text);
    } else {
      this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: d.text } });
      this.saver.reset(this.view.state.doc); // the library holds this text already
    }
    this.paging.loaded(d.saved);
  }

  /** Loads main's draft from the library; false when that failed (the error is shown). */
  async reload(fresh = true): Promise<boolean> {
    try {
      this.load(await api.open(this.scriptId), fresh);
      this.setSaveState('saved');
      return true;
    } catch (e) {
      error(e);
      return false;
    }
  }

  async loadHistory(): Promise<void> {
    try {
      this.revisions = await historyApi.list(this.scriptId);
    } catch (e) {
      error(e);
    }
  }

  /** Chooses the element of the cursor's line. */
  pickElement(e: Element): void {
    if (!this.view) return;
    setElement(e)(this.view);
    this.view.focus();
  }

  /** Saves the draft as a revision with this message; false when it failed (the error is shown). */
  async commit(message: string): Promise<boolean> {
    if (!this.view) return false;
    try {
      // The draft is saved as changes first; the revision is made from it, never sent whole.
      await this.saver.flush();
      const rev = await api.commitDraft(this.scriptId, message, textSum(this.view.state.doc));
      this.committed = true;
      this.head = rev.id;
      info(t.committed(rev.message));
      await this.loadHistory();
      return true;
    } catch (err) {
      error(err);
      return false;
    }
  }

  /** Restores a revision on main: its text becomes the draft. */
  async restore(rev: RevisionInfo): Promise<boolean> {
    try {
      await this.saver.flush();
      const d = await historyApi.restore(this.scriptId, rev.id);
      this.load(d);
      await this.saver.flush();
      info(t.restored(rev.message));
      await this.loadHistory();
      return true;
    } catch (e) {
      error(e);
      return false;
    }
  }

  /**
   * A revision arrived from the relay: the history is refreshed, and the
   * text too when `quiet` (nothing unsaved, and the editor shows main).
   */
  async remoteChange(quiet: boolean): Promise<void> {
    await this.loadHistory();
    if (!quiet || !this.committed || this.saveState !== 'saved') return;
    try {
      const d = await api.open(this.scriptId);
      if (d.script.head !== this.head && this.view && d.text !== this.view.state.doc.toString()) this.load(d);
      else this.head = d.script.head;
    } catch (e) {
      error(e);
    }
  }

  /** Moves the cursor to a 0-based line and scrolls it to the top. */
  jump(line: number, v: EditorView | undefined = this.view): void {
    if (!v) return;
    const pos = v.state.doc.line(Math.min(line + 1, v.state.doc.lines)).from;
    v.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'start', yMargin: 24 }) });
    v.focus();
  }

  dispose(): void {
    this.paging.dispose();
    void this.saver.flush().finally(() => this.saver.dispose());
    this.view?.destroy();
  }
}
