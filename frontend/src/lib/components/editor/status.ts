/**
 * The status bar's two words about the text: how saving goes, and how the
 * draft stands against the last revision.
 */
import type { SaveState } from '../../stores/autosave';
import { t } from '../../i18n/en';

/** What the status bar knows. */
export interface StatusInput {
  readonly state: SaveState;
  readonly errorText: string;
  /** The draft, as last saved, equals the head revision. */
  readonly committed: boolean;
  readonly hasRevision: boolean;
  /** The title of the proposal being edited, '' on main. */
  readonly proposal: string;
}

/** The save state in words. */
export function saveLabel(s: StatusInput): string {
  return s.state === 'saved' ? t.saved : s.state === 'saving' ? t.saving : s.state === 'pending' ? t.pending : t.saveFailed(s.errorText);
}

/**
 * The draft against the last revision. "Matches last revision" is only said
 * of saved text: while changes wait to be saved the draft does not match.
 */
export function revisionLabel(s: StatusInput): string {
  if (s.proposal) return t.proposalStatusLine(s.proposal);
  if (!s.hasRevision) return t.noRevisionYet;
  return s.committed && s.state === 'saved' ? t.upToDate : t.sinceRevision;
}

/**
 * The page count in words: the printed pages once they are laid out
 * (laidOut > 0, as the PDF export has them), "Counting pages…" until then;
 * with a hint on what it is. There is no estimate: the one count is the PDF's.
 */
export function pagesLabel(laidOut: number): { readonly text: string; readonly hint: string } {
  return laidOut > 0 ? { text: t.pageCount(laidOut), hint: t.pagesLaidOutHint } : { text: t.pagesLayingOut, hint: t.pagesLayingOutHint };
}

/** A script's or a revision's figures in the library and the history: pages as printed, and words; "Counting pages…" until they come. */
export function figuresLabel(f: { readonly words: number; readonly pages: number } | undefined): string {
  return f ? `${t.pageCount(f.pages)} · ${t.words(f.words)}` : t.pagesLayingOut;
}
