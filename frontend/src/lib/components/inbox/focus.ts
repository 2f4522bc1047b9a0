/**
 * What the editor should show when it opens a script from the inbox: a
 * comment thread or a proposal. The library sets it before opening the
 * script; the editor takes it (once) when it mounts.
 */
import { get, writable } from 'svelte/store';
import type { NoticeInfo } from '../../api/types';

export interface FocusTarget {
  readonly scriptId: string;
  /** Thread id (root comment) to open in the comments panel. */
  readonly thread?: string;
  /** Proposal branch name to open in the proposals panel. */
  readonly proposal?: string;
}

export const pendingFocus = writable<FocusTarget | null>(null);

/** The target a notice points at. */
export function targetOf(n: NoticeInfo): FocusTarget {
  return { scriptId: n.scriptId, thread: n.thread || undefined, proposal: n.thread ? undefined : n.proposal || undefined };
}

/**
 * Takes the pending target for scriptId when it points at that kind of
 * thing (the comments panel takes threads, the proposals panel proposals),
 * clearing it; null otherwise.
 */
export function takeFocus(scriptId: string, kind: 'thread' | 'proposal'): FocusTarget | null {
  const f = get(pendingFocus);
  if (!f || f.scriptId !== scriptId || !f[kind]) return null;
  pendingFocus.set(null);
  return f;
}
