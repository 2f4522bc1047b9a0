/**
 * Element flow as in Final Draft, on plain Fountain text: Enter and Tab move
 * from one element to the next (heading → action, character → dialogue,
 * dialogue → parenthetical, ...), Shift+Tab goes back, Ctrl+1..6 choose the
 * element of the current line. The text stays Fountain: headings, cues and
 * transitions are written in capitals, blank lines go where Fountain needs
 * them, and force marks only where the line would otherwise parse as
 * something else (see ./elements). Every command is one undo step and looks
 * only at the cursor's line and its neighbours.
 */
import { EditorState, Transaction, type ChangeSpec, type Extension, type StateCommand } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { isolateHistory } from '@codemirror/commands';
import { ELEMENTS, blank, contextOf, elementAt, isCapsElement, looksLikeHeading, shapeLine, upper, type Element } from './elements';
import { currentElement, pending, setPending } from './current-element';
import { lineKinds } from './fountain-language';
import { elementLine } from './element-line';

/** What follows an element when Enter is pressed at the end of it. */
const afterEnter: Readonly<Record<Element, Element>> = {
  scene: 'action',
  action: 'action',
  character: 'dialogue',
  parenthetical: 'dialogue',
  dialogue: 'action',
  transition: 'scene',
};

/** What Tab turns an element into, and Shift+Tab back. */
const tabNext: Readonly<Record<Element, Element>> = {
  action: 'character',
  character: 'transition',
  transition: 'scene',
  scene: 'action',
  dialogue: 'parenthetical',
  parenthetical: 'dialogue',
};
const tabBack: Readonly<Record<Element, Element>> = {
  character: 'action',
  transition: 'character',
  scene: 'transition',
  action: 'scene',
  parenthetical: 'dialogue',
  dialogue: 'character',
};

/** Elements that stand alone, with a blank line above (and below for headings and transitions). */
function standsAlone(e: Element): boolean {
  return e === 'scene' || e === 'action' || e === 'character' || e === 'transition';
}

/**
 * One flow step as one transaction (one undo step): the changes, the cursor,
 * and the element chosen for the cursor's new line (null: its text decides).
 */
function step(state: EditorState, changes: ChangeSpec, anchor: number, element: Element | null): Transaction {
  const set = state.changes(changes);
  const from = set.apply(state.doc).lineAt(anchor).from;
  return state.update({
    changes: set,
    selection: { anchor },
    scrollIntoView: true,
    effects: setPending.of(element ? { from, element } : null),
    annotations: [isolateHistory.of('full'), Transaction.userEvent.of('input.flow')],
  });
}

/**
 * Rewrites line n as element e (capitals, marks), with the blank lines the
 * element needs around it, and puts the cursor at the end of its text.
 * Returns the changes and the cursor position in the new document.
 */
function rewrite(state: EditorState, n: number, e: Element): { changes: ChangeSpec[]; cursor: number } {
  const doc = state.doc;
  const line = doc.line(n);
  const ctx = contextOf(state, n);
  const changes: ChangeSpec[] = [];
  let before = '';
  let after = '';
  if (standsAlone(e) && !ctx.prevBlank) before = '\n';
  if ((e === 'scene' || e === 'transition') && !ctx.nextBlank) after = '\n';
  // Dialogue and parentheticals join the block above.
  let joinFrom = -1;
  if ((e === 'dialogue' || e === 'parenthetical') && ctx.prevBlank && n > 2) {
    const above = elementAt(state, n - 2);
    if (above === 'character' || above === 'dialogue' || above === 'parenthetical') joinFrom = doc.line(n - 1).from;
  }
  const shaped = shapeLine(line.text, e, {
    prevBlank: e === 'dialogue' || e === 'parenthetical' ? false : true,
    nextBlank: e === 'character' ? false : ctx.nextBlank || after !== '',
  });
  changes.push({ from: line.from, to: line.to, insert: before + shaped + after });
  let cursor = line.from + before.length + (shaped.endsWith(')') ? shaped.length - 1 : shaped.length);
  if (joinFrom >= 0) {
    changes.push({ from: joinFrom, to: line.from });
    cursor -= line.from - joinFrom;
  }
  return { changes, cursor };
}

/** Sets the element of the cursor's line to e: Ctrl+1..6 and the toolbar. */
export function setElement(e: Element): StateCommand {
  return ({ state, dispatch }) => {
    if (state.readOnly) return false;
    const head = state.selection.main.head;
    const n = state.doc.lineAt(head).number;
    const { changes, cursor } = rewrite(state, n, e);
    dispatch(step(state, changes, cursor, e));
    return true;
  };
}

/** Inserts a new line for element next after line n, with the blank lines it needs; the line is rewritten as cur first. */
function open(state: EditorState, n: number, cur: Element | null, next: Element): { changes: ChangeSpec; anchor: number } {
  const doc = state.doc;
  const line = doc.line(n);
  const ctx = contextOf(state, n);
  const shaped = cur ? shapeLine(line.text, cur, { ...ctx, nextBlank: cur === 'character' ? false : true }) : line.text;
  const gap = standsAlone(next) && !(cur === 'action' && next === 'action') ? '\n\n' : '\n';
  const tail = (next === 'scene' || next === 'transition' || gap === '\n\n') && !ctx.nextBlank ? '\n' : '';
  const start = next === 'parenthetical' ? '(' : '';
  const end = next === 'parenthetical' ? ')' : '';
  const insert = shaped + gap + start + end + tail;
  return { changes: { from: line.from, to: line.to, insert }, anchor: line.from + shaped.length + gap.length + start.length };
}

function atLineEnd(state: EditorState): { n: number; text: string; head: number } | null {
  const sel = state.selection.main;
  if (!sel.empty || state.selection.ranges.length > 1) return null;
  const line = state.doc.lineAt(sel.head);
  // The cursor may sit before a closing ")" or trailing spaces.
  const rest = line.text.slice(sel.head - line.from);
  if (rest.trim() !== '' && rest.trim() !== ')') return null;
  return { n: line.number, text: line.text, head: sel.head };
}

/**
 * Enter: finishes the cursor's element and opens the next one (heading →
 * action, character → dialogue, dialogue → action, transition → heading).
 * Inside action, and inside a speech that goes on below, it is a plain line
 * break, as in any Fountain editor; on an empty line after a blank line it
 * does nothing, since Fountain needs only one blank line between elements.
 * Anywhere but the end of a line it leaves Enter to the default (splitting
 * the line).
 */
export const flowEnter: StateCommand = ({ state, dispatch }) => {
  if (state.readOnly) return false;
  const at = atLineEnd(state);
  if (!at) return false;
  const cur = currentElement(state);
  if (!cur) return false;
  const { n, text } = at;
  const ctx = contextOf(state, n);
  // One blank line is all Fountain needs between elements.
  if (blank(text) && ctx.prevBlank && n > 1) return true;
  // A line break, as its own undo step: in action, on an empty line, and
  // inside a speech that goes on below (the new line is dialogue).
  if (blank(text) || cur === 'action' || ((cur === 'dialogue' || cur === 'parenthetical') && !ctx.nextBlank)) {
    dispatch(step(state, { from: at.head, insert: '\n' }, at.head + 1, null));
    return true;
  }
  const line = state.doc.line(n);
  if (cur === 'parenthetical' && text.trim() === '()') {
    // An empty parenthetical is dropped: the line becomes dialogue.
    dispatch(step(state, { from: line.from, to: line.to, insert: '' }, line.from, 'dialogue'));
    return true;
  }
  const next = afterEnter[cur];
  const o = open(state, n, cur, next);
  dispatch(step(state, o.changes, o.anchor, next === 'action' ? null : next));
  return true;
};

/**
 * Tab: on an empty line, chooses the next element (action → character →
 * transition → heading); after a line of dialogue or a cue, opens a
 * parenthetical; inside a parenthetical, moves on to the dialogue; on a line
 * of action, makes it a character cue.
 */
export const flowTab: StateCommand = (target) => tabCommand(target, tabNext);

/** Shift+Tab: goes back to the previous element (character → action, parenthetical → dialogue, ...). */
export const flowShiftTab: StateCommand = (target) => tabCommand(target, tabBack);

function tabCommand({ state, dispatch }: Parameters<StateCommand>[0], order: Readonly<Record<Element, Element>>): boolean {
  if (state.readOnly) return false;
  const sel = state.selection.main;
  const line = state.doc.lineAt(sel.head);
  const cur = currentElement(state);
  if (!cur) return false;
  const forward = order === tabNext;
  if (cur === 'parenthetical' && line.text.trim() === '()') {
    // An empty parenthetical goes back to dialogue, either way.
    dispatch(step(state, { from: line.from, to: line.to, insert: '' }, line.from, 'dialogue'));
    return true;
  }
  if (forward && atLineEnd(state) && !blank(line.text)) {
    // After a cue or a line of dialogue: a parenthetical; after a parenthetical: dialogue.
    const next = cur === 'dialogue' || cur === 'character' ? 'parenthetical' : cur === 'parenthetical' ? 'dialogue' : null;
    if (next) {
      const o = open(state, line.number, cur, next);
      dispatch(step(state, o.changes, o.anchor, next));
      return true;
    }
  }
  const next = order[cur];
  if (blank(line.text)) {
    // An empty line: choose its element, with the blank line above that it needs.
    const gap = standsAlone(next) && !contextOf(state, line.number).prevBlank ? '\n' : '';
    const insert = gap + (next === 'parenthetical' ? '()' : '');
    const anchor = line.from + insert.length - (next === 'parenthetical' ? 1 : 0);
    dispatch(step(state, { from: line.from, to: line.to, insert }, anchor, next));
    return true;
  }
  return setElement(next)({ state, dispatch });
}

/**
 * Writes what is typed on a heading, cue or transition line in capitals, as
 * Final Draft does. Looks only at the lines the typing touched.
 */
const capitals = EditorState.transactionFilter.of((tr) => {
  // Not while an input method composes: changing its text would break it.
  if (!tr.docChanged || !tr.isUserEvent('input.type') || tr.isUserEvent('input.type.compose')) return tr;
  // Works on the new document without building the new state, which would
  // classify the whole script a second time per keystroke.
  const doc = tr.newDoc;
  const line = doc.lineAt(tr.newSelection.main.head);
  const p = tr.startState.field(pending, false);
  const chosen = p && tr.changes.mapPos(p.from, -1) === line.from ? p.element : null;
  const caps = chosen ? isCapsElement(chosen) : line.number > 0 && looksLikeHeading(line.text) && (line.number === 1 || blank(doc.line(line.number - 1).text));
  if (!caps) return tr;
  let inLine = true;
  tr.changes.iterChangedRanges((_fa, _ta, fromB, toB) => {
    if (fromB < line.from || toB > line.to) inLine = false;
  });
  const u = upper(line.text);
  if (!inLine || u === line.text) return tr;
  return [tr, { changes: { from: line.from, to: line.to, insert: u }, sequential: true }];
});

/** Ctrl+1..6 (Cmd on a Mac) choose the element, in Final Draft's order. */
function elementKeys() {
  return ELEMENTS.map((e, i) => ({ key: `Mod-${i + 1}`, preventDefault: true, run: setElement(e) }));
}

/** Element flow: Enter, Tab, Shift+Tab and Ctrl+1..6, and capitals where they belong. */
export function elementFlow(): Extension {
  return [
    lineKinds,
    pending,
    elementLine(),
    capitals,
    keymap.of([
      { key: 'Enter', run: flowEnter },
      { key: 'Tab', run: flowTab, shift: flowShiftTab },
      ...elementKeys(),
    ]),
  ];
}
