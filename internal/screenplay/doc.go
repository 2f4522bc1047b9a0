// Package screenplay lays a Fountain screenplay out on the page: page count,
// scene list and reports.
//
// It imports internal/fountain and the standard library only.
package screenplay
