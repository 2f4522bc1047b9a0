// Package fdx reads and writes Final Draft XML (.fdx) screenplays, converting
// to and from the element model of internal/fountain.
//
// Read accepts the files that Final Draft 8 to 13 and Fade In save, and
// returns a Report of everything it skipped or approximated: it never drops
// content silently and never panics. Write produces the structure of Final
// Draft 12/13's own files (Version="5"), with ElementSettings carrying Final
// Draft's default indents, so that Final Draft opens the result as its own.
//
// Mappings, in both directions:
//
//   - Scene Heading, Action, Character (name and "(EXT)" split into
//     Text/Extension), Parenthetical, Dialogue and Transition map one to one;
//     a scene heading's Number attribute is the Fountain scene number.
//   - Shot reads as a forced scene heading ('.'), as other converters do;
//     Final Draft prints shots like headings but without a scene number.
//   - General and Cast List read as action (reported). Unknown paragraph
//     types are kept as action with a line in the report.
//   - New Act and End of Act read as centered text, their underline becoming
//     '_' emphasis, the usual Fountain spelling of an act break.
//   - Alignment="Center" on Action or General is Fountain centered text, and
//     Write writes centered text that way.
//   - A paragraph's Alignment and StartsNewPage default to its type's
//     ElementSettings, as in Final Draft: a custom element centered by its
//     settings reads as centered text, and a New Act that starts a page by
//     its settings gets a page break (except at the very start).
//   - StartsNewPage="Yes" on a paragraph is a page break before it; Write
//     puts a page break on the next paragraph (or on an empty one).
//   - Text runs' Style (Bold, Italic, Underline, combined with '+') become
//     Fountain emphasis markup (**, *, ***, _), with literal '*' and '_'
//     escaped where they would otherwise read as markup (and only there).
//     A mix Fountain markup cannot spell (bold-italic straight after
//     italic, "*a **b***") is kept as plain text and reported. FDX has no
//     escapes, so a Fountain text with escapes that change nothing ("f\*ck")
//     comes back with the escapes Read needs. AllCaps is applied
//     to the text; other styles (Strikeout, HiddenText, …) are dropped and
//     reported. Fonts, sizes and colours are formatting, not content, and
//     are not kept in the script; elements such as images inside a
//     paragraph are dropped with a line in the report.
//   - Production drafts (WriteProduction, Report.Production), in Final
//     Draft's own elements: a scene heading's Number ("12A"); an omitted
//     scene is a scene heading "OMITTED" with its number (Final Draft also
//     keeps the cut text in <OmittedScene> to restore it; Write has none
//     to keep, and Read reports one as skipped); revised runs carry
//     <Text RevisionID="n">; <Revisions ActiveSet="n"> lists the sets
//     (<Revision ID Name Color PageColor Mark>, Final Draft's colour
//     values for Blue, Pink, …); <DeletedText> holds the places where
//     text was cut; <LockedPages> holds <LockedPage PageNumber="12A"
//     Position="…">. Places (Offset, Position) count the runes of the
//     content's paragraphs and one for each paragraph's end, as the
//     DeletedTextLocation offsets of Final Draft's own files do; Final
//     Draft's files in the corpus have empty <LockedPages/>, so the
//     LockedPage attributes are the ones public readers of FDX expect,
//     not checked against a file Final Draft saved. Revision sets carry
//     no date in FDX. Read keeps revised runs, cuts and locked pages in
//     the report (Fountain cannot hold them) and the scene numbers in the
//     text ("#12A#").
//   - The page layout (<PageLayout>: page size, margins) and each element's
//     settings (<ElementSettings>: indents, space before, line spacing,
//     bold / italic / underline / all caps) come back in Report.Layout, so
//     that a printer can print the file as Final Draft does.
//   - A carriage return or a Unicode line or paragraph separator inside a
//     paragraph is a line break.
//   - <DualDialogue> holds two speakers: the first cue's group gets
//     Element.DualFirst, the second's Element.Dual, and Write wraps such
//     pairs back in <DualDialogue>.
//   - A <ScriptNote> becomes a Fountain note: after the element (a Note
//     element) for scene headings and empty paragraphs, or appended to the
//     text as " [[…]]" otherwise. Write turns trailing inline notes and Note
//     elements back into ScriptNotes.
//   - A scene heading's SceneProperties Summary is a synopsis ('=') after the
//     heading; Write stores synopses that follow a heading there, and others
//     as "Outline Body" paragraphs. Sections ('#') are Final Draft 13's
//     outline elements "Outline 1" to "Outline 4"; deeper levels are written
//     as "Outline 5" and so on, which Final Draft shows as custom elements.
//   - Lyrics are a custom "Lyrics" element, defined in ElementSettings as
//     Final Draft does for custom elements; Read accepts "Lyric" too.
//   - The title page is laid out as Final Draft lays it out (title, credit,
//     author and source centered; draft date right; copyright and contact at
//     the bottom left), and read back from alignment, order and wording.
//     A field that would not read back that way (an unknown key, one out of
//     that order, an empty value, a credit without "by") is written where
//     it falls as a centered "Key: value" line, which Read recognises; only
//     when the page still would not read back exactly (a title that is not
//     first, say) is every field written as "Key: value".
//   - Fade In's FDX differs from Final Draft's in places: bare <Text> runs
//     without font attributes, title-page paragraphs typed "General",
//     SceneProperties without children, "Spacing" written "1.0". Read
//     relies on none of these, so both read the same.
//   - Empty paragraphs (Final Draft's blank lines) are skipped and counted in
//     the report; so a Fountain element with no text (a lone "!") comes back
//     from Write and Read as nothing.
//   - Boneyard (/* */) never reaches this package: fountain.Parse removes it.
//
// The package imports the standard library (encoding/xml) and
// internal/fountain only; it must never import app, store or sync packages.
package fdx
