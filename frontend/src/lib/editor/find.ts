/**
 * Find and replace: the query the find panel builds from its fields, the
 * matches it counts ("3 of 17"), and the transactions that replace them.
 * The panel (its fields and buttons) is a component given to findReplace();
 * what it does is here, so it can be tested on an EditorState.
 *
 * Built on @codemirror/search: its search state holds the query, highlights
 * the matches and moves between them (findNext, findPrevious); our panel
 * takes the place of its own. Added here: "within selection", a scope of
 * ranges taken from the writer's own selection (not one that find made) and
 * mapped through edits; replacement with regex groups ($1, $&, $$); replace
 * all as one transaction, so one undo takes it back.
 */
import { EditorSelection, EditorState, StateEffect, StateField, type Extension, type Range, type TransactionSpec } from '@codemirror/state';
import { Decoration, EditorView, keymap, type Command, type DecorationSet, type KeyBinding, type Panel } from '@codemirror/view';
import {
  SearchQuery,
  closeSearchPanel,
  findNext,
  findPrevious,
  getSearchQuery,
  openSearchPanel,
  search,
  searchPanelOpen,
  selectNextOccurrence,
  selectSelectionMatches,
  setSearchQuery,
} from '@codemirror/search';

/** What the find panel's fields and options say. */
export interface FindOptions {
  readonly search: string;
  readonly replace: string;
  readonly caseSensitive: boolean;
  readonly wholeWord: boolean;
  readonly regexp: boolean;
  /** Only matches inside the scope (findScope) count. */
  readonly inSelection: boolean;
}

/** Empty fields, every option off. */
export const NO_FIND: FindOptions = { search: '', replace: '', caseSensitive: false, wholeWord: false, regexp: false, inSelection: false };

/** A range of the document, from and to as CodeMirror positions. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

/** One match; groups are a regular expression's match ([0] the whole match). */
export interface Match extends Span {
  readonly groups?: readonly string[];
}

/** Matches counted at most; the panel says "10000+" beyond (a pattern like "e" in a feature finds about 60,000). */
export const MAX_MATCHES = 10_000;

/** The user event of a selection that find made: it never becomes the scope. */
const FIND_SELECT = 'select.search';

// ---------------------------------------------------------------------------
// Within selection

/** Sets (or with null clears) the ranges that "within selection" searches. */
export const setFindScope = StateEffect.define<readonly Span[] | null>();

const scopeMark = Decoration.mark({ class: 'cm-findScope' });

interface ScopeState {
  readonly ranges: readonly Span[] | null;
  readonly deco: DecorationSet;
}

function scopeState(ranges: readonly Span[] | null): ScopeState {
  const marks: Range<Decoration>[] = (ranges ?? []).filter((r) => r.to > r.from).map((r) => scopeMark.range(r.from, r.to));
  return { ranges, deco: Decoration.set(marks, true) };
}

/** The scope of "within selection", mapped through every edit; null when none was set. */
export const findScope = StateField.define<ScopeState>({
  create: () => scopeState(null),
  update(value, tr) {
    if (tr.docChanged && value.ranges) {
      const ranges = value.ranges.map((r) => {
        const from = tr.changes.mapPos(r.from, 1);
        return { from, to: Math.max(from, tr.changes.mapPos(r.to, -1)) };
      });
      value = { ranges, deco: value.deco.map(tr.changes) };
    }
    for (const e of tr.effects) if (e.is(setFindScope)) value = scopeState(e.value);
    return value;
  },
});

/**
 * The writer's last selection: find moves the selection to each match, so
 * turning "within selection" on takes this one, not the match shown.
 */
const writerSelection = StateField.define<EditorSelection>({
  create: (state) => state.selection,
  update(sel, tr) {
    if (tr.selection && !tr.isUserEvent(FIND_SELECT) && !tr.isUserEvent('input.replace')) return tr.selection;
    return tr.docChanged ? sel.map(tr.changes) : sel;
  },
});

/** The non-empty ranges of the writer's last selection; null when nothing is selected. */
export function selectionScope(state: EditorState): readonly Span[] | null {
  const sel = state.field(writerSelection, false) ?? state.selection;
  const ranges = sel.ranges.filter((r) => !r.empty).map((r) => ({ from: r.from, to: r.to }));
  return ranges.length ? ranges : null;
}

/** The query's filter for "within selection": inside one of the scope's ranges (anywhere when there is none). */
function inScope(_match: string, state: EditorState, from: number, to: number): boolean {
  const ranges = state.field(findScope, false)?.ranges;
  return !ranges || ranges.some((r) => from >= r.from && to <= r.to);
}

// ---------------------------------------------------------------------------
// Queries

/**
 * The search query for the panel's fields. Plain text is found as typed
 * (literal: "\n" is a backslash and an n); a regular expression has its own
 * escapes, and "\n" or "\t" in its replacement are a new line and a tab.
 */
export function findQuery(o: FindOptions): SearchQuery {
  return new SearchQuery({
    search: o.search,
    replace: o.replace,
    caseSensitive: o.caseSensitive,
    wholeWord: o.wholeWord,
    regexp: o.regexp,
    literal: !o.regexp,
    test: o.inSelection ? inScope : undefined,
  });
}

/** The panel's fields for a query (the inverse of findQuery). */
export function findOptions(q: SearchQuery): FindOptions {
  return {
    search: q.search,
    replace: q.replace,
    caseSensitive: q.caseSensitive,
    wholeWord: q.wholeWord,
    regexp: q.regexp,
    inSelection: q.test === inScope,
  };
}

/** The flags @codemirror/search compiles a pattern with, so a pattern we accept is one it accepts. */
const PATTERN_FLAGS = 'gmu';

/**
 * Why the search text is not a valid regular expression, in the engine's own
 * words without the pattern ("Unterminated group"); '' when it is valid or
 * not a regular expression.
 */
export function patternError(o: Pick<FindOptions, 'search' | 'regexp'>): string {
  if (!o.regexp || !o.search) return '';
  try {
    new RegExp(o.search, PATTERN_FLAGS);
    return '';
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // V8: "Invalid regular expression: /(/gmu: Unterminated group".
    return msg.slice(msg.lastIndexOf(': ') + 2) || msg;
  }
}

// ---------------------------------------------------------------------------
// Matches

/** The query's matches in document order, at most limit of them. */
export function findMatches(state: EditorState, query: SearchQuery, limit = MAX_MATCHES): Match[] {
  const out: Match[] = [];
  if (!query.valid) return out;
  const cursor = query.getCursor(state) as Iterator<{ from: number; to: number; match?: RegExpExecArray }>;
  for (let r = cursor.next(); !r.done && out.length < limit; r = cursor.next()) {
    const { from, to, match } = r.value;
    out.push(match ? { from, to, groups: Array.from(match, (g) => g ?? '') } : { from, to });
  }
  return out;
}

/** Where the selection is among the matches: 1-based, 0 when it is on none. */
export function matchIndex(matches: readonly Span[], sel: Span): number {
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches[mid].from < sel.from) lo = mid + 1;
    else hi = mid;
  }
  const m = matches[lo];
  return m && m.from === sel.from && m.to === sel.to ? lo + 1 : 0;
}

/** The first match at or after pos, else (wrapping) the first one; null when none. */
export function matchFrom(matches: readonly Span[], pos: number): Span | null {
  return matches.find((m) => m.from >= pos) ?? matches[0] ?? null;
}

/** What the counter shows: "3 of 17" is { current: 3, total: 17 }; more when there are over MAX_MATCHES. */
export interface FindCount {
  readonly current: number;
  readonly total: number;
  readonly more: boolean;
}

/** The count for the query in state, with the main selection as the current match. */
export function findCount(state: EditorState, query: SearchQuery): FindCount {
  const all = findMatches(state, query, MAX_MATCHES + 1);
  const more = all.length > MAX_MATCHES;
  if (more) all.length = MAX_MATCHES;
  return { current: matchIndex(all, state.selection.main), total: all.length, more };
}

// ---------------------------------------------------------------------------
// Replacing

function unquote(query: SearchQuery, text: string): string {
  return query.literal ? text : text.replace(/\\([nrt\\])/g, (_, ch: string) => (ch === 'n' ? '\n' : ch === 'r' ? '\r' : ch === 't' ? '\t' : '\\'));
}

/**
 * The text that replaces a match. With a regular expression, $1…$99 are its
 * groups (the longest number that is a group), $& the whole match and $$ a
 * dollar; any other $ stays as written.
 */
export function replacementFor(query: SearchQuery, m: Match): string {
  const text = unquote(query, query.replace);
  if (!query.regexp || !m.groups) return text;
  const groups = m.groups;
  return text.replace(/\$([$&]|\d+)/g, (all, i: string) => {
    if (i === '&') return groups[0];
    if (i === '$') return '$';
    for (let l = i.length; l > 0; l--) {
      const n = +i.slice(0, l);
      if (n > 0 && n < groups.length) return groups[n] + i.slice(l);
    }
    return all;
  });
}

/** A transaction and how many matches it replaces. */
export interface Replacement {
  readonly spec: TransactionSpec;
  readonly count: number;
}

/** Replaces every match in one transaction (one undo step); null when there is none or the text is read only. */
export function replaceAllMatches(state: EditorState, query: SearchQuery): Replacement | null {
  if (state.readOnly) return null;
  // All of them, however many: the limit is for counting, not for replacing.
  const all = findMatches(state, query, Infinity);
  if (all.length === 0) return null;
  const changes = all.map((m) => ({ from: m.from, to: m.to, insert: replacementFor(query, m) }));
  return {
    spec: { changes, userEvent: 'input.replace.all' },
    count: all.length,
  };
}

/**
 * Replace one, as in Final Draft: when the selection is a match, it is
 * replaced and the next match is selected; otherwise the next match after the
 * cursor is selected, so the writer sees it before it changes. Null when
 * there is no match (or the text is read only).
 */
export function replaceOneMatch(state: EditorState, query: SearchQuery): TransactionSpec | null {
  if (state.readOnly) return null;
  const all = findMatches(state, query, Infinity);
  const sel = state.selection.main;
  const at = matchIndex(all, sel);
  if (at === 0) {
    const next = matchFrom(all, sel.to);
    return next && selectMatchSpec(next);
  }
  const m = all[at - 1];
  const insert = replacementFor(query, m);
  const after = state.update({ changes: { from: m.from, to: m.to, insert } }).state;
  // The next match after the new text: a replacement that contains the
  // search text (Ed -> Edward) is not found again.
  const next = matchFrom(findMatches(after, query, Infinity), m.from + insert.length);
  const selection = next ? EditorSelection.single(next.from, next.to) : EditorSelection.cursor(m.from + insert.length);
  return {
    changes: { from: m.from, to: m.to, insert },
    selection,
    scrollIntoView: true,
    userEvent: 'input.replace',
  };
}

/** Selects a match and scrolls to it, as a selection find made (never the scope). */
export function selectMatchSpec(m: Span): TransactionSpec {
  return { selection: EditorSelection.single(m.from, m.to), effects: EditorView.scrollIntoView(m.from, { y: 'center' }), userEvent: FIND_SELECT };
}

// ---------------------------------------------------------------------------
// Commands and the extension

/** Sets whether the panel shows its replace row. */
export const setReplaceShown = StateEffect.define<boolean>();

/** Whether the find panel shows its replace row (Ctrl+H), or only find (Ctrl+F). */
export const replaceShown = StateField.define<boolean>({
  create: () => false,
  update(v, tr) {
    for (const e of tr.effects) if (e.is(setReplaceShown)) v = e.value;
    return v;
  },
});

/** The data-field attribute of the panel's inputs, for focusing them. */
export const FIND_FIELD = 'data-find-field';

function focusField(view: EditorView, field: 'find' | 'replace') {
  const input = view.dom.querySelector<HTMLInputElement>(`.cm-panels [${FIND_FIELD}="${field}"]`);
  if (!input) return;
  input.focus();
  input.select();
}

/**
 * Opens the panel (or moves focus to it) with the selection as the search
 * text when it is a short piece of one line; with several lines selected,
 * "within selection" is turned on for them instead.
 */
function open(view: EditorView, withReplace: boolean): boolean {
  const { state } = view;
  const sel = state.selection.main;
  const old = findOptions(getSearchQuery(state));
  let o: FindOptions = { ...old, inSelection: false };
  const effects: StateEffect<unknown>[] = [setReplaceShown.of(withReplace)];
  const multiLine = !sel.empty && state.doc.lineAt(sel.from).number !== state.doc.lineAt(sel.to).number;
  if (multiLine) {
    o = { ...o, inSelection: true };
    effects.push(setFindScope.of(selectionScope(state)));
  } else if (!sel.empty && sel.to - sel.from <= 100) {
    o = { ...o, search: state.sliceDoc(sel.from, sel.to) };
  }
  if (!searchPanelOpen(state)) openSearchPanel(view);
  effects.push(setSearchQuery.of(findQuery(o)));
  view.dispatch({ effects });
  focusField(view, withReplace && o.search ? 'replace' : 'find');
  return true;
}

/** Ctrl+F: find. */
export const openFind: Command = (view) => open(view, false);
/** Ctrl+H (and Ctrl+Alt+F, Cmd+Alt+F): find and replace. */
export const openReplace: Command = (view) => open(view, true);
/** Escape: closes the panel, forgets the scope and gives the editor its focus back. */
export const closeFind: Command = (view) => {
  if (!searchPanelOpen(view.state)) return false;
  // The scope goes first, while the focus is still in the panel.
  const o = findOptions(getSearchQuery(view.state));
  if (o.inSelection || view.state.field(findScope).ranges) {
    view.dispatch({ effects: [setFindScope.of(null), setSearchQuery.of(findQuery({ ...o, inSelection: false }))] });
  }
  // The editor takes the focus once the panel is gone, not before (as
  // closeSearchPanel would): its selection is drawn after the update then.
  const active = view.root.activeElement;
  if (active instanceof HTMLElement && view.dom.contains(active) && !view.contentDOM.contains(active)) active.blur();
  closeSearchPanel(view);
  view.focus();
  return true;
};

/** The keys of find and replace, in the editor and in the panel (scope "search-panel"). */
export const findKeymap: readonly KeyBinding[] = [
  { key: 'Mod-f', run: openFind, scope: 'editor search-panel', preventDefault: true },
  { key: 'Mod-h', run: openReplace, scope: 'editor search-panel', preventDefault: true },
  { key: 'Mod-Alt-f', run: openReplace, scope: 'editor search-panel', preventDefault: true },
  { key: 'F3', run: findNext, shift: findPrevious, scope: 'editor search-panel', preventDefault: true },
  { key: 'Mod-g', run: findNext, shift: findPrevious, scope: 'editor search-panel', preventDefault: true },
  { key: 'Escape', run: closeFind, scope: 'editor search-panel' },
  { key: 'Mod-d', run: selectNextOccurrence, preventDefault: true },
  { key: 'Mod-Shift-l', run: selectSelectionMatches },
];

const findTheme = EditorView.theme({
  '.cm-searchMatch': { backgroundColor: 'var(--search)', borderRadius: '2px' },
  '.cm-searchMatch-selected': { outline: '2px solid var(--accent)' },
  '.cm-findScope': { backgroundColor: 'var(--active-line)', boxShadow: '0 0 0 1px var(--border)' },
});

/**
 * Find and replace with panel as its panel (at the top of the editor;
 * CodeMirror's own without one, as in tests without components): the
 * search state, the scope of "within selection" (shown while the panel is
 * open) and the keys.
 */
export function findReplace(panel?: (view: EditorView) => Panel): Extension {
  return [
    search(panel ? { top: true, literal: true, createPanel: panel } : { top: true, literal: true }),
    findScope,
    writerSelection,
    replaceShown,
    EditorView.decorations.of((view) => (searchPanelOpen(view.state) ? view.state.field(findScope).deco : Decoration.none)),
    findTheme,
    keymap.of(findKeymap),
  ];
}
