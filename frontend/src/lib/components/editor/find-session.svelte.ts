/**
 * The find panel's state and actions for one editor: the fields (kept equal
 * to the editor's search query), the count, messages; what the buttons and
 * keys do. The panel component only shows it. findPanel() makes the panel
 * that findReplace() puts at the top of the editor.
 */
import { flushSync, mount, unmount } from 'svelte';
import type { StateEffect } from '@codemirror/state';
import { runScopeHandlers, type EditorView, type Panel, type ViewUpdate } from '@codemirror/view';
import { findNext, findPrevious, getSearchQuery, setSearchQuery } from '@codemirror/search';
import {
  closeFind,
  findMatches,
  findOptions,
  findQuery,
  findScope,
  matchFrom,
  matchIndex,
  patternError,
  replaceAllMatches,
  replaceOneMatch,
  replaceShown,
  selectMatchSpec,
  selectionScope,
  setFindScope,
  setReplaceShown,
  MAX_MATCHES,
  NO_FIND,
  type FindCount,
  type FindOptions,
  type Match,
} from '../../editor';
import FindPanel from './FindPanel.svelte';

/** How long typing in the script waits before the count is redone (a count of a feature takes a few ms). */
const RECOUNT_MS = 150;

export class FindSession {
  options = $state<FindOptions>(NO_FIND);
  replaceShown = $state(false);
  count = $state.raw<FindCount>({ current: 0, total: 0, more: false });
  /** Why the pattern is not valid (the engine's words), or ''. */
  error = $state('');
  /** "Within selection" is on but nothing was selected. */
  noScope = $state(false);
  /** How many the last Replace all replaced, until the search changes; null before. */
  replaced = $state<number | null>(null);
  readOnly = $state(false);

  readonly #view: EditorView;
  #matches: Match[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(view: EditorView) {
    this.#view = view;
    this.#pull(view.state);
    this.replaceShown = view.state.field(replaceShown);
    this.readOnly = view.state.readOnly;
    this.#recount();
  }

  /** Follows the editor: a new query, a scope, edits (counted again after a pause) and selection. */
  update(u: ViewUpdate) {
    const queryChanged = getSearchQuery(u.state) !== getSearchQuery(u.startState);
    if (queryChanged) this.#pull(u.state);
    this.readOnly = u.state.readOnly;
    const shown = u.state.field(replaceShown);
    if (shown !== this.replaceShown) {
      this.replaceShown = shown;
      // The replace field must exist now: Ctrl+H focuses it right after.
      flushSync();
    }
    const ownEdit = u.transactions.some((tr) => tr.isUserEvent('input.replace'));
    if (queryChanged || ownEdit || u.state.field(findScope) !== u.startState.field(findScope)) {
      this.#recount();
    } else if (u.docChanged) {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#recount(), RECOUNT_MS);
    } else if (u.selectionSet) {
      this.count = { ...this.count, current: matchIndex(this.#matches, u.state.selection.main) };
    }
  }

  destroy() {
    clearTimeout(this.#timer);
  }

  /** The fields changed: a new query; new search text selects its first match from the cursor on. */
  set(change: Partial<FindOptions>) {
    const view = this.#view;
    const o = { ...this.options, ...change };
    const effects: StateEffect<unknown>[] = [setSearchQuery.of(findQuery(o))];
    if (change.inSelection === true && !this.options.inSelection) effects.push(setFindScope.of(selectionScope(view.state)));
    this.replaced = null;
    view.dispatch({ effects });
    if (change.search !== undefined || change.regexp !== undefined || change.caseSensitive !== undefined || change.wholeWord !== undefined) {
      this.#goFrom(view.state.selection.main.from);
    }
  }

  toggle(key: 'caseSensitive' | 'wholeWord' | 'regexp' | 'inSelection') {
    this.set({ [key]: !this.options[key] });
  }

  toggleReplace() {
    this.#view.dispatch({ effects: setReplaceShown.of(!this.replaceShown) });
  }

  next() {
    this.replaced = null;
    if (getSearchQuery(this.#view.state).valid) findNext(this.#view);
  }

  previous() {
    this.replaced = null;
    if (getSearchQuery(this.#view.state).valid) findPrevious(this.#view);
  }

  replaceOne() {
    const spec = replaceOneMatch(this.#view.state, getSearchQuery(this.#view.state));
    this.replaced = null;
    if (spec) this.#view.dispatch(spec);
  }

  replaceAll() {
    const r = replaceAllMatches(this.#view.state, getSearchQuery(this.#view.state));
    if (r) this.#view.dispatch(r.spec);
    this.replaced = r?.count ?? 0;
  }

  close() {
    closeFind(this.#view);
  }

  /** Runs the editor's keys for the panel (F3, Ctrl+F, Ctrl+H, Escape); true when one did something. */
  keys(e: KeyboardEvent): boolean {
    return runScopeHandlers(this.#view, e, 'search-panel');
  }

  #goFrom(pos: number) {
    const m = matchFrom(this.#matches, pos);
    if (m) this.#view.dispatch(selectMatchSpec(m));
  }

  #pull(state: ViewUpdate['state']) {
    const o = findOptions(getSearchQuery(state));
    const old = this.options;
    if (Object.keys(o).some((k) => o[k as keyof FindOptions] !== old[k as keyof FindOptions])) this.options = o;
    this.error = patternError(o);
  }

  #recount() {
    clearTimeout(this.#timer);
    const state = this.#view.state;
    const query = getSearchQuery(state);
    this.noScope = this.options.inSelection && !state.field(findScope).ranges;
    this.#matches = findMatches(state, query, MAX_MATCHES + 1);
    const more = this.#matches.length > MAX_MATCHES;
    if (more) this.#matches.length = MAX_MATCHES;
    this.count = { current: matchIndex(this.#matches, state.selection.main), total: this.#matches.length, more };
  }
}

/** The find panel of view: the component, mounted in the panel's element. */
export function findPanel(view: EditorView): Panel {
  const dom = document.createElement('div');
  dom.className = 'cm-find';
  const session = new FindSession(view);
  const component = mount(FindPanel, { target: dom, props: { session } });
  flushSync();
  return {
    dom,
    top: true,
    update: (u) => session.update(u),
    destroy: () => {
      session.destroy();
      void unmount(component);
    },
  };
}
