// Package scriptfile reads a screenplay file by its extension: Final Draft
// (.fdx) through internal/fdx, anything else (.fountain, .spmd, .txt, …) as
// Fountain text in any common encoding through internal/textfile. The app's
// import and the command-line tool read files only through Read, so a file
// reads the same in both.
//
// It owns the choice of reader by extension, the size limit checked before
// a file is read into memory, and the refusal of folders.
//
// It may import internal/fdx, internal/fountain and internal/textfile. It
// must never import app, internal/store, sync/..., or Wails.
package scriptfile
