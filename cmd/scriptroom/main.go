// Command scriptroom is the command-line side of Scriptroom: it reads,
// converts, compares and prints screenplays without the desktop app. It is
// pure Go (no cgo).
//
//	scriptroom parse FILE --json
//	scriptroom convert IN OUT
//	scriptroom export IN OUT.pdf [--base OLD.fountain] [--color blue] [--paper a4]
//	scriptroom export NEW OUT.pdf --locked BASE [--set blue] [--date 2026-12-06] [--revised-pages-only]
//	scriptroom stats FILE [--locked BASE]
//	scriptroom diff A B [--format unified|json|stat|scenes]
//
// With --locked, BASE is the revision locked for production: NEW prints with
// BASE's page and scene numbers (12A, 13-14, "12 OMITTED"), its changes
// marked, the revision set's colour and date on revised pages
// (internal/production); stats lists the new, omitted and revised scenes
// and pages.
//
// Each subcommand lives in its own file (cmd_<name>.go) and registers itself
// in commands from an init function. Exit codes: 0 on success, 2 on a usage
// error, 1 on any other error (diff follows diff(1): 0 equal, 1 different,
// 2 trouble), always with a message that names the file and the problem.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
)

// Exit codes shared by every subcommand.
const (
	exitOK    = 0 // success
	exitError = 1 // the work failed (a file could not be read, parsed, written)
	exitUsage = 2 // the command line was wrong
)

// command is one subcommand.
type command struct {
	// usage is the one-line synopsis printed in help, without the program name.
	usage string
	// summary says in a few words what the subcommand does.
	summary string
	// run does the work. args excludes the subcommand's name. It returns the
	// exit code; errors it prints itself to stderr.
	run func(args []string, stdout, stderr io.Writer) int
}

// commands holds every subcommand by name; the cmd_*.go files fill it.
var commands = map[string]command{}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches args to a subcommand and returns the process's exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printUsage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		printUsage(stdout)
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "scriptroom: unknown command %q\n", args[0])
		printUsage(stderr)
		return exitUsage
	}
	return c.run(args[1:], stdout, stderr)
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: scriptroom <command> [arguments]")
	fmt.Fprintln(w)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  scriptroom %-50s %s\n", commands[n].usage, commands[n].summary)
	}
}

// usageErr is an error in the command line; fail turns it into exit 2.
type usageErr struct{ msg string }

func (e *usageErr) Error() string { return e.msg }

// usageError returns an error that fail reports with exit code 2.
func usageError(format string, a ...any) error {
	return &usageErr{msg: fmt.Sprintf(format, a...)}
}

// fail prints err to stderr after the subcommand's name and returns the exit
// code for it: 2 for a usage error, 1 otherwise.
func fail(stderr io.Writer, name string, err error) int {
	var u *usageErr
	if errors.As(err, &u) {
		fmt.Fprintf(stderr, "scriptroom %s: %s\nusage: scriptroom %s\n", name, u.msg, commands[name].usage)
		return exitUsage
	}
	fmt.Fprintf(stderr, "scriptroom %s: %v\n", name, err)
	return exitError
}
