// Package production makes production drafts: a script locked for
// production (its BASE revision) and a later revision (NEW) printed so that
// every scene and page number the crew already has stays put.
//
// Lock compares BASE and NEW with internal/diff and computes:
//
//   - scene numbers that never change. A scene of NEW that aligns with a
//     scene of BASE keeps its number, even when its heading or body changed;
//     a new scene after 12 is 12A (then 12B), a new scene after 12A is 12B,
//     a new scene before scene 1 is A1 (then B1). A deleted scene stays as
//     "12 OMITTED" where it was. A new scene between 12 and an existing 12A
//     takes the letter before the number of the scene it precedes: A12A
//     (then B12A). Final Draft's manual does not spell this case out; this
//     is the rule Movie Magic Screenwriter documents for its A-pages (a page
//     between 67 and 67A is A67), and it keeps every number unique and in
//     order. A scene moved out of order is omitted where it was and new
//     where it is. The numbers are written into the text as "#12A#".
//   - page numbers that never change. Each page of BASE starts at a place
//     in its text; that place is found in NEW through the diff and NEW is
//     paginated with a forced page break there (screenplay.Options.Breaks).
//     Text that no longer fits page 12 flows onto 12A, 12B; a page that
//     shrank stays short; pages whose text was all cut are merged into the
//     page that follows them and numbered as a range (13-14), or at the end
//     of the script into the page before them.
//   - revision marks: the lines of NEW inserted or changed against BASE,
//     each OMITTED heading, and for a cut the first line printed after it,
//     get an asterisk in the right margin; the pages that differ from
//     BASE's are the revised pages.
//
// NewLocked makes BASE ready once (parsed, its scenes numbered, its pages
// laid out) for every draft laid out against it; Lock and LockSets make
// one each time. BASE's pages are numbered 1, 2, 3… as it paginates, or,
// given Options.Pages (a Final Draft production draft's <LockedPages>,
// placed in BASE by FromFDX), start where those say and print their
// labels; pages added after a locked page are lettered between its label
// and the next's (12A, or A12A when the lock has a 12A).
//
// Write prints a Draft through internal/pdf with a RevisionSet's colour and
// date in the header of revised pages, the whole script or the revised
// pages only after a cover page listing them.
//
// WriteFDX writes a Draft as a Final Draft production draft through
// internal/fdx: scene numbers, OMITTED scenes, revised text in the set's
// RevisionID, the revision sets and the locked pages.
//
// It imports internal/diff, internal/fdx, internal/fountain,
// internal/screenplay, internal/pdf and the standard library; it must never import the app, the
// store or the sync packages.
package production
