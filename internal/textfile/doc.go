// Package textfile turns the bytes of a text file a user imports into clean
// UTF-8 with "\n" line endings, reporting every conversion it made so the
// user can be told. It refuses files that are too large or are not text.
//
// It imports the standard library only.
package textfile
