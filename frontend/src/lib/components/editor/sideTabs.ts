/** The tabs of the editor's side panel, in order. */
export const SIDE_TABS = ['history', 'proposals', 'comments', 'activity'] as const;

/** One of the side panel's tabs. */
export type SideTab = (typeof SIDE_TABS)[number];
