// Package screenplay lays a Fountain screenplay out on the page as Final
// Draft does, and reports on it.
//
// Paginate turns a parsed script into a Document: pages of positioned
// lines in Courier 12 pt (page.go is the contract with the printers,
// internal/pdf and the app's page view). It follows Final Draft's default
// paragraph geometry and page-break rules, measured against Final Draft's
// own PDFs and page breaks in the shared corpus (testdata/README.md has the
// comparison). Analyze reports pages, scenes with their length in eighths
// of a page, characters by number of speeches and the running time.
// Measure counts the words and the printed pages of a text, as the PDF
// export prints it.
//
// It imports internal/fountain and the standard library only.
package screenplay
