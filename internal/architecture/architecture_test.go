package architecture

import (
	"bufio"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// rule is one row of the table: what a package may import.
type rule struct {
	pkg       string
	mayImport []string
	testsMay  []string
}

// goPackage is one folder of Go files and what its files import.
type goPackage struct {
	rel         string              // path inside the module, "." for the root
	imports     map[string][]string // import path → files of the package that import it
	testImports map[string][]string // the same for _test.go files
}

func TestArchitecture(t *testing.T) {
	root := repoRoot(t)
	rules, err := readTable(filepath.Join(root, "docs", "architecture.md"))
	if err != nil {
		t.Fatal(err)
	}
	module, err := modulePath(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	pkgs, err := readPackages(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range check(module, rules, pkgs) {
		t.Error(v)
	}
}

func TestFrontendOnlyAPIImportsBindings(t *testing.T) {
	root := repoRoot(t)
	src := filepath.Join(root, "frontend", "src")
	bad, err := bindingImportsOutsideAPI(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bad {
		t.Errorf("%s imports the generated Wails bindings; only frontend/src/lib/api/ may (docs/architecture.md)", b)
	}
}

// TestArchitectureCatchesViolations holds the checker itself to account: a
// table and packages made up for the purpose, with one fault of each kind.
func TestArchitectureCatchesViolations(t *testing.T) {
	const module = "example.com/m"
	rules := []rule{
		{pkg: "app", mayImport: []string{"internal/model", "github.com/wailsapp/wails/v2"}, testsMay: []string{"internal/corpus"}},
		{pkg: "internal/model"},
		{pkg: "internal/corpus"},
		{pkg: "internal/gone"},
	}
	pkgs := []goPackage{
		{rel: "app", imports: map[string][]string{
			"fmt":                      {"a.go"},
			module + "/internal/model": {"a.go"},
			"github.com/wailsapp/wails/v2/pkg/runtime": {"a.go"},
			module + "/internal/store":                 {"b.go"}, // not allowed
		}, testImports: map[string][]string{module + "/internal/corpus": {"a_test.go"}}},
		{rel: "internal/model", imports: map[string][]string{
			"github.com/wailsapp/wails/v2": {"m.go"}, // not allowed
		}, testImports: map[string][]string{module + "/internal/corpus": {"m_test.go"}}}, // not allowed
		{rel: "internal/corpus"},
		{rel: "internal/new"}, // no row
	}
	got := check(module, rules, pkgs)
	want := []string{
		`app: b.go imports internal/store, which the table does not allow`,
		`internal/gone: in docs/architecture.md's table but there is no such package`,
		`internal/model: m.go imports github.com/wailsapp/wails/v2, which the table does not allow`,
		`internal/model: m_test.go imports internal/corpus, which the table does not allow`,
		`internal/new: a package docs/architecture.md's table does not name`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("violations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	rows, err := parseTable(strings.NewReader("# T\n\n| package | owns | may import | its tests may also import |\n|---|---|---|---|\n" +
		"| `a` | things, `not/a/pkg` in prose | `b`, `go.etcd.io/bbolt` | — |\n| `b` | more | — | `c` |\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].pkg != "a" || strings.Join(rows[0].mayImport, ",") != "b,go.etcd.io/bbolt" ||
		len(rows[0].testsMay) != 0 || len(rows[1].mayImport) != 0 || strings.Join(rows[1].testsMay, ",") != "c" {
		t.Errorf("parseTable = %+v", rows)
	}
	if _, err := parseTable(strings.NewReader("no table here\n")); err == nil {
		t.Error("parseTable accepted a page with no table")
	}
}

// check returns every import the rules do not allow, every package without a
// rule and every rule without a package, sorted.
func check(module string, rules []rule, pkgs []goPackage) []string {
	byPkg := map[string]rule{}
	for _, r := range rules {
		byPkg[r.pkg] = r
	}
	seen := map[string]bool{}
	var out []string
	for _, p := range pkgs {
		seen[p.rel] = true
		r, ok := byPkg[p.rel]
		if !ok {
			out = append(out, fmt.Sprintf("%s: a package docs/architecture.md's table does not name", p.rel))
			continue
		}
		out = append(out, disallowed(module, p.rel, p.imports, r.mayImport)...)
		out = append(out, disallowed(module, p.rel, p.testImports, append(append([]string{p.rel}, r.mayImport...), r.testsMay...))...)
	}
	for _, r := range rules {
		if !seen[r.pkg] {
			out = append(out, fmt.Sprintf("%s: in docs/architecture.md's table but there is no such package", r.pkg))
		}
	}
	sort.Strings(out)
	return out
}

func disallowed(module, pkg string, imports map[string][]string, allowed []string) []string {
	var out []string
	for imp, files := range imports {
		name, ok := allowedImport(module, imp, allowed)
		if ok {
			continue
		}
		sort.Strings(files)
		for _, f := range files {
			out = append(out, fmt.Sprintf("%s: %s imports %s, which the table does not allow", pkg, f, name))
		}
	}
	return out
}

// allowedImport says whether imp is allowed, and how the table spells it.
func allowedImport(module, imp string, allowed []string) (string, bool) {
	if imp == module || strings.HasPrefix(imp, module+"/") {
		rel := strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")
		if rel == "" {
			rel = "."
		}
		for _, a := range allowed {
			if a == rel {
				return rel, true
			}
		}
		return rel, false
	}
	first, _, _ := strings.Cut(imp, "/")
	if !strings.Contains(first, ".") {
		return imp, true // the standard library (and cgo's "C")
	}
	for _, a := range allowed {
		if imp == a || strings.HasPrefix(imp, a+"/") {
			return imp, true
		}
	}
	return imp, false
}

// readTable reads the package table of docs/architecture.md.
func readTable(path string) ([]rule, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := parseTable(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rows, nil
}

var backticked = regexp.MustCompile("`([^`]+)`")

// parseTable finds the table whose header starts "| package | owns | may
// import |" and reads a rule from each row.
func parseTable(r interface{ Read([]byte) (int, error) }) ([]rule, error) {
	sc := bufio.NewScanner(r)
	var rules []rule
	in := false
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		cells := splitRow(line)
		switch {
		case !in && len(cells) >= 3 && cells[0] == "package" && cells[1] == "owns" && cells[2] == "may import":
			in = true
		case in && strings.HasPrefix(line, "|---"):
		case in && len(cells) >= 3:
			pkgs := backtickedIn(cells[0])
			if len(pkgs) != 1 {
				return nil, fmt.Errorf("table row %q: the first cell must name one package in backticks", line)
			}
			r := rule{pkg: pkgs[0], mayImport: backtickedIn(cells[2])}
			if len(cells) >= 4 {
				r.testsMay = backtickedIn(cells[3])
			}
			rules = append(rules, r)
		case in:
			in = false
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(rules) == 0 {
		return nil, fmt.Errorf("no package table (header | package | owns | may import |) found")
	}
	return rules, nil
}

func splitRow(line string) []string {
	if !strings.HasPrefix(line, "|") {
		return nil
	}
	parts := strings.Split(strings.Trim(line, "|"), "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

func backtickedIn(cell string) []string {
	var out []string
	for _, m := range backticked.FindAllStringSubmatch(cell, -1) {
		out = append(out, m[1])
	}
	return out
}

func modulePath(gomod string) (string, error) {
	b, err := os.ReadFile(gomod)
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "module" {
			return f[1], nil
		}
	}
	return "", fmt.Errorf("%s has no module line", gomod)
}

// skipDir are folders that hold no Go packages of the module.
func skipDir(rel string, name string) bool {
	switch {
	case rel == "frontend", rel == "tools", rel == "build":
		return true
	case name == "testdata", name == "node_modules":
		return true
	case rel != "." && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")):
		return true
	}
	return false
}

// readPackages reads the imports of every Go file in the module, whatever its
// build tags, split into package files and test files.
func readPackages(root string) ([]goPackage, error) {
	byDir := map[string]*goPackage{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if skipDir(rel, d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(d.Name(), ".go") {
			return nil
		}
		dir := filepath.ToSlash(filepath.Dir(rel))
		p := byDir[dir]
		if p == nil {
			p = &goPackage{rel: dir, imports: map[string][]string{}, testImports: map[string][]string{}}
			byDir[dir] = p
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		into := p.imports
		if strings.HasSuffix(d.Name(), "_test.go") {
			into = p.testImports
		}
		for _, is := range f.Imports {
			imp, err := strconv.Unquote(is.Path.Value)
			if err != nil {
				return err
			}
			into[imp] = append(into[imp], rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []goPackage
	for _, p := range byDir {
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rel < out[j].rel })
	return out, nil
}

var bindingImport = regexp.MustCompile(`(?:from|import)\s*\(?\s*['"]([^'"]*wailsjs/[^'"]*)['"]`)

// bindingImportsOutsideAPI lists the files under src, outside lib/api, that
// import frontend/wailsjs.
func bindingImportsOutsideAPI(src string) ([]string, error) {
	var bad []string
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "lib/api" {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".ts", ".js", ".mjs", ".svelte":
		default:
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if m := bindingImport.FindSubmatch(b); m != nil {
			bad = append(bad, "frontend/src/"+rel+" ("+string(m[1])+")")
		}
		return nil
	})
	return bad, err
}

func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test's directory")
		}
		dir = parent
	}
}
