/**
 * Autocomplete from the script itself, as a screenwriter expects it: on a
 * cue, the character names by how often they speak, then the extensions
 * (V.O., O.S., CONT'D); on a heading, INT. EXT. INT./EXT. I/E., then the
 * locations already used, then the times of day; on a transition, the
 * transitions. Keyboard only: arrows choose, Enter or Tab take the choice,
 * Escape closes. Enter is never taken when nothing is offered, or when what
 * is typed is already the whole option: then it does the element flow.
 */
import { EditorState, Prec, type Extension } from '@codemirror/state';
import { keymap, tooltips, type Command } from '@codemirror/view';
import {
  acceptCompletion,
  autocompletion,
  closeCompletion,
  completionStatus,
  moveCompletionSelection,
  selectedCompletion,
  startCompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { contextOf, looksLikeHeading, upper } from './elements';
import { chosenElement, currentElement } from './current-element';
import { headingOpenRe, scriptIndex, scriptIndexField, type ScriptIndex } from './script-index';

/** The openings of a scene heading offered, in the order writers use them most. */
export const OPENINGS: readonly string[] = ['INT. ', 'EXT. ', 'INT./EXT. ', 'I/E. '];

/** Times of day offered besides those the script uses. */
export const TIMES: readonly string[] = ['DAY', 'NIGHT', 'MORNING', 'AFTERNOON', 'EVENING', 'DAWN', 'DUSK', 'CONTINUOUS', 'LATER', 'MOMENTS LATER', 'SAME TIME'];

/** Cue extensions offered after "NAME (". */
export const EXTENSIONS: readonly string[] = ['V.O.', 'O.S.', "CONT'D", 'O.C.'];

/** Transitions offered besides those the script uses. */
export const TRANSITIONS: readonly string[] = ['CUT TO:', 'FADE OUT.', 'FADE IN:', 'DISSOLVE TO:', 'SMASH CUT TO:', 'MATCH CUT TO:', 'FADE TO BLACK.', 'INTERCUT WITH:'];

/** What a completion fills in. */
export type SpotKind = 'opening' | 'location' | 'time' | 'name' | 'extension' | 'transition';

/** Where the cursor can be completed, what is typed there so far, and the options that fit. */
export interface Spot {
  readonly kind: SpotKind;
  /** Document position where the typed part starts. */
  readonly from: number;
  /** The typed part, from `from` to the cursor. */
  readonly typed: string;
  readonly options: readonly Completion[];
  /**
   * What is typed is already one of the options in full (left out of
   * options): Enter then does the element flow instead of taking a longer
   * option ("NIGHT" typed, "NIGHT [CONTINUOUS]" offered); Tab still takes it.
   */
  readonly exact: boolean;
}

function unique(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}

/** Options that start with typed (any case), the exact one left out: it has nothing to add (the list's exact is set). */
function matching(all: readonly string[], typed: string, type: string, detail?: (label: string) => string): Matches {
  const u = upper(typed).trimStart();
  const options: Completion[] = [];
  let exact = false;
  all.forEach((label, i) => {
    if (!label.startsWith(u)) return;
    if (label.trimEnd() === u.trimEnd()) {
      exact ||= u.trim() !== '';
      return;
    }
    // Earlier in the list (more used) ranks higher.
    options.push({ label, type, detail: detail?.(label), boost: -Math.min(i, 99) });
  });
  return { options, exact };
}

/** The options that fit what is typed, and whether it is already one of them in full. */
interface Matches {
  readonly options: Completion[];
  readonly exact: boolean;
}

/**
 * The completion spot at the cursor, or null when nothing is to be completed
 * there. explicit (Ctrl+Space) also offers options before anything is typed.
 * Looks at the cursor's line and the script's index only.
 */
export function completionSpot(state: EditorState, explicit = false): Spot | null {
  const sel = state.selection.main;
  if (!sel.empty) return null;
  const line = state.doc.lineAt(sel.head);
  const before = line.text.slice(0, sel.head - line.from);
  // Completions fill in the end of a line, not the middle of one.
  if (/\S/.test(line.text.slice(sel.head - line.from))) return null;
  const el = currentElement(state);
  const ctx = contextOf(state, line.number);
  if (!ctx.prevBlank && el !== 'scene' && el !== 'character' && el !== 'transition') return null;
  const index = (): ScriptIndex => scriptIndex(state);
  const lead = before.length - before.trimStart().length;
  const t = before.trimStart();
  const spot = (kind: SpotKind, at: number, typed: string, { options, exact }: Matches): Spot | null =>
    options.length > 0 && (t.trim() !== '' || explicit) ? { kind, from: line.from + at, typed, options, exact } : null;

  // A scene heading: its opening, then the location, then the time of day.
  const open = headingOpenRe.exec(t);
  if (el === 'scene' || looksLikeHeading(t) || (open && open[1] === '.')) {
    if (open) {
      const at = lead + open[0].length;
      const rest = before.slice(at);
      const dash = rest.lastIndexOf(' - ');
      if (dash >= 0) return spot('time', at + dash + 3, rest.slice(dash + 3), matching(unique([index().times, TIMES]), rest.slice(dash + 3), 'keyword'));
      return spot('location', at, rest, matching(index().locations.map((l) => `${l} - `), rest, 'variable'));
    }
  }
  const forced = t.startsWith('@') ? 1 : t.startsWith('>') ? 1 : 0;
  const typed = t.slice(forced);
  const caps = typed === upper(typed);
  if (el === 'scene' || (!open && ctx.prevBlank && /^[a-z./]{2,}$/i.test(typed) && !forced)) {
    const o = matching(OPENINGS, typed, 'keyword');
    const s = spot('opening', lead, typed, o);
    if (s || el === 'scene') return s;
  }
  if (el === 'transition' || (t.startsWith('>') && !t.endsWith('<'))) {
    const at = lead + forced + (typed.length - typed.trimStart().length);
    return spot('transition', at, typed.trimStart(), matching(unique([index().transitions, TRANSITIONS]), typed.trimStart(), 'keyword'));
  }
  if (el === 'character' || (ctx.prevBlank && ctx.nextBlank && caps && /\p{L}/u.test(typed))) {
    const paren = typed.indexOf('(');
    if (paren >= 0) {
      const ext = typed.slice(paren + 1);
      return spot('extension', lead + forced + paren + 1, ext, matching(EXTENSIONS.map((e) => `${e})`), ext, 'keyword'));
    }
    const counts = new Map(index().characters.map((c) => [c.name, c.count]));
    const names = matching([...counts.keys()], typed, 'variable', (n) => `${counts.get(n)}×`);
    // Unchosen, a line in capitals after a blank line may be a transition too.
    const trans = chosenElement(state) === 'character' ? { options: [], exact: false } : matching(unique([index().transitions, TRANSITIONS]), typed, 'keyword');
    return spot('name', lead + forced, typed, { options: [...names.options, ...trans.options], exact: names.exact || trans.exact });
  }
  return null;
}

/** The completion source: the spot's options, re-asked at every keystroke (prefix matching, the exact option left out). */
export function scriptCompletions(context: CompletionContext): CompletionResult | null {
  const s = completionSpot(context.state, context.explicit);
  if (!s) return null;
  return { from: s.from, to: context.pos, options: s.options, filter: false };
}

/**
 * Whether the completion source has anything to say at the cursor of state,
 * even when asked with Ctrl+Space: asked once a transaction, and remembered
 * for that state.
 */
const completable = new WeakMap<EditorState, boolean>();
function canComplete(state: EditorState): boolean {
  let yes = completable.get(state);
  if (yes === undefined) {
    yes = completionSpot(state, true) !== null;
    completable.set(state, yes);
  }
  return yes;
}

/**
 * The source, offered to CodeMirror's autocomplete (as the "autocomplete"
 * language data) only where the cursor can be completed. Were it always
 * offered, every key typed in action would mark it pending, ask it, hear
 * nothing and dispatch a second transaction to say so: a whole editor
 * update after each key, for nothing. Offered here alone, a key in action
 * is one transaction, and a cue or a heading still opens its list as the
 * first letters are typed.
 */
const sourceWhereUseful = EditorState.languageData.of((state, pos) =>
  pos === state.selection.main.head && canComplete(state) ? [{ autocomplete: scriptCompletions }] : [],
);

/**
 * Takes the chosen option only when it still completes what is typed (a list
 * shown a keystroke ago may not), so Enter and Tab otherwise do the element
 * flow; Enter does the flow too when what is typed is already an option in
 * full (Spot.exact).
 */
const acceptIfUseful =
  (key: 'Enter' | 'Tab'): Command =>
  (view) => {
    if (completionStatus(view.state) !== 'active') return false;
    const chosen = selectedCompletion(view.state);
    const s = completionSpot(view.state, true);
    if (!chosen || !s || !s.options.some((o) => o.label === chosen.label) || (key === 'Enter' && s.exact)) {
      closeCompletion(view);
      return false;
    }
    return acceptCompletion(view);
  };

/** Options of scriptAutocomplete. */
export interface AutocompleteOptions {
  /** Milliseconds after the list opens before Enter or Tab can take a choice (CodeMirror's default 75), so that Enter typed right after a letter is a line break. */
  readonly interactionDelay?: number;
}

/** Autocomplete from the script, with its keys (taking precedence over the element flow's Enter and Tab). */
export function scriptAutocomplete(opts: AutocompleteOptions = {}): Extension {
  return [
    scriptIndexField,
    // The list stays inside the editor (above the cursor near its bottom), off the status bar.
    tooltips({ tooltipSpace: (view) => view.dom.getBoundingClientRect() }),
    sourceWhereUseful,
    autocompletion({
      defaultKeymap: false,
      icons: false,
      activateOnTypingDelay: 0,
      // After an opening or a location, go on to what comes next.
      activateOnCompletion: (c) => c.label.endsWith(' '),
      tooltipClass: () => 'cm-script-completions',
      ...(opts.interactionDelay !== undefined ? { interactionDelay: opts.interactionDelay } : {}),
    }),
    Prec.highest(
      keymap.of([
        { key: 'Ctrl-Space', run: startCompletion },
        { key: 'Escape', run: closeCompletion },
        { key: 'ArrowDown', run: moveCompletionSelection(true) },
        { key: 'ArrowUp', run: moveCompletionSelection(false) },
        { key: 'PageDown', run: moveCompletionSelection(true, 'page') },
        { key: 'PageUp', run: moveCompletionSelection(false, 'page') },
        { key: 'Enter', run: acceptIfUseful('Enter') },
        { key: 'Tab', run: acceptIfUseful('Tab') },
      ]),
    ),
  ];
}
