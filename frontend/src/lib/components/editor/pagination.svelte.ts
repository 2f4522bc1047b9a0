/**
 * The printed pages of the script open in the editor: asks the backend for
 * the pages of each saved draft (never sending the text), shows them in the
 * editor (editor/pages.ts), gives the scene list each scene's page and
 * length, and goes to a page or scene (Ctrl+G). In proposal mode the pages
 * are those of the proposal's saved text (showProposal), matched to the
 * editor's saves by the text's sum.
 */
import { get } from 'svelte/store';
import { Prec, type Extension, type Text } from '@codemirror/state';
import { EditorView, keymap, type ViewUpdate } from '@codemirror/view';
import { editor as api, review } from '../../api';
import { PageFeed, goToPosition, pages, pagesOf, scenesByLine, setPages, showSceneNumbers, type GoTo, type SceneMark } from '../../editor';
import { t } from '../../i18n/en';
import { paper, sceneNumbersShown } from '../../stores/view';

export class Pagination {
  /** Each scene's number, page and length, by its heading's 0-based line. */
  scenes = $state<ReadonlyMap<number, SceneMark>>(new Map());
  /** Whether the go-to dialog is open. */
  goToOpen = $state(false);
  /** How many pages the script has, as last laid out (0 before). */
  count = $state(0);

  private readonly feed: PageFeed;
  private readonly offNumbers: () => void;
  private readonly offPaper: () => void;

  constructor(
    private readonly scriptId: string,
    private readonly view: () => EditorView | undefined,
  ) {
    this.feed = new PageFeed({ fetch: () => api.pages(scriptId, get(paper)), view });
    this.offNumbers = sceneNumbersShown.subscribe((on) => this.view()?.dispatch({ effects: showSceneNumbers.of(on) }));
    // Another paper: the same text laid out again (the store calls at once with today's paper: no need then).
    let first = true;
    this.offPaper = paper.subscribe(() => (first ? (first = false) : this.feed.refresh()));
  }

  /** The editor extensions: the pages, following changes, Ctrl+G (before the search keymap's find-next). */
  extensions(): Extension[] {
    return [
      pages({ sceneNumbers: get(sceneNumbersShown), label: t.pageLabel }),
      this.feed.extension,
      Prec.high(keymap.of([{ key: 'Mod-g', preventDefault: true, run: () => ((this.goToOpen = true), true) }])),
      EditorView.updateListener.of((u) => {
        // Typing inside a line moves no mark to another line: nothing to redo then.
        const laidOut = u.transactions.some((tr) => tr.effects.some((e) => e.is(setPages)));
        if (laidOut || (u.docChanged ? !withinLines(u) : pagesOf(u.state) !== pagesOf(u.startState))) this.refresh(u.view);
      }),
    ];
  }

  /** Lays the saved draft out again (the script was locked, unlocked or given a revision set). */
  relayout(): void {
    this.feed.refresh();
  }

  /** The editor was given a new state (another text): follow its pages (none until laid out). */
  follow(): void {
    const v = this.view();
    if (v) this.refresh(v);
  }

  private refresh(v: EditorView) {
    // Typing inside a line moves no heading to another line: the scene list
    // is left alone then, not redrawn at every keystroke.
    const next = scenesByLine(v.state);
    if (!sameScenes(this.scenes, next)) this.scenes = next;
    this.count = pagesOf(v.state).pages.length;
  }

  /** Lays out main's saved draft from now on (the editor shows main). */
  showDraft(): void {
    this.feed.use({ fetch: () => api.pages(this.scriptId, get(paper)), match: 'saved' });
  }

  /** Lays out the saved text of the proposal name from now on (the editor is about to show it). */
  showProposal(name: string): void {
    this.feed.use({ fetch: () => review.proposalPages(this.scriptId, name, get(paper)), match: 'sum' });
  }

  /** The document about to be saved; returns what saved() takes. */
  begin(doc: Text): number {
    return this.feed.begin(doc);
  }

  /** The text begun as id was saved at saved: its pages follow shortly. */
  saved(id: number, saved: string): void {
    this.feed.saved(id, saved);
  }

  /** The editor was just given the text saved at saved (for a proposal, any mark): lay it out now. */
  loaded(saved: string): void {
    this.feed.loaded(saved);
  }

  /** Moves the cursor to a page or scene and focuses the editor; returns why not ('' when it did). */
  goTo(to: GoTo): string {
    const v = this.view();
    if (!v) return '';
    const pos = goToPosition(v.state, to);
    if (pos === null) return to.kind === 'page' ? t.goToNoPage(to.page, pagesOf(v.state).pages.length) : t.goToNoScene(to.scene);
    v.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'start', yMargin: 48 }) });
    this.goToOpen = false;
    v.focus();
    return '';
  }

  /** Closes the go-to dialog and gives the keyboard back to the editor. */
  closeGoTo(): void {
    this.goToOpen = false;
    this.view()?.focus();
  }

  dispose(): void {
    this.feed.dispose();
    this.offNumbers();
    this.offPaper();
  }
}

/** Whether every change of u stays inside one line, adding and removing no line break. */
function withinLines(u: ViewUpdate): boolean {
  const doc = u.startState.doc;
  let within = true;
  u.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    if (inserted.lines > 1 || doc.lineAt(fromA).number !== doc.lineAt(toA).number) within = false;
  });
  return within;
}

/** Whether two scene maps show the same in the scene list. */
function sameScenes(a: ReadonlyMap<number, SceneMark>, b: ReadonlyMap<number, SceneMark>): boolean {
  if (a.size !== b.size) return false;
  for (const [line, x] of a) {
    const y = b.get(line);
    if (!y || y.number !== x.number || y.page !== x.page || y.length !== x.length) return false;
  }
  return true;
}
