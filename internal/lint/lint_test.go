// Package lint holds tests that enforce house rules no compiler checks:
// configuration is read only in cmd/, library code never prints, and
// dependencies point one way (analysis packages know the hub types and
// knowledge, never the store, the pipeline or the CLI).
package lint

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"

	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/parallax-news/parallax"

type goFile struct {
	path string // relative to the repository root, slash-separated
	pkg  string // directory, e.g. internal/text
	test bool
	ast  *ast.File
}

func parseTree(t *testing.T) []goFile {
	t.Helper()
	root := filepath.Join("..", "..")
	var files []goFile
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			// bench/ is a separate module; testdata is data.
			if rel == "bench" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && rel != "." {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		full, err := parser.ParseFile(fset, p, nil, 0)
		if err == nil {
			f = full
		}
		files = append(files, goFile{path: rel, pkg: filepath.ToSlash(filepath.Dir(rel)), test: strings.HasSuffix(p, "_test.go"), ast: f})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("found only %d Go files; is the walk rooted right?", len(files))
	}
	return files
}

// calls returns every pkg.Name(...) selector call in f, as "pkg.Name".
func calls(f *ast.File) map[string]token.Pos {
	out := map[string]token.Pos{}
	ast.Inspect(f, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			if sel, ok := c.Fun.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok {
					out[id.Name+"."+sel.Sel.Name] = c.Pos()
				}
			}
		}
		return true
	})
	return out
}

func TestNoEnvBelowCmd(t *testing.T) {
	for _, f := range parseTree(t) {
		if f.test || strings.HasPrefix(f.pkg, "cmd/") {
			continue
		}
		for call := range calls(f.ast) {
			if call == "os.Getenv" || call == "os.LookupEnv" || call == "os.Environ" {
				t.Errorf("%s calls %s: read configuration in cmd/ and pass it down in an options struct", f.path, call)
			}
		}
	}
}

func TestLibrariesDoNotPrint(t *testing.T) {
	banned := map[string]bool{
		"fmt.Print": true, "fmt.Printf": true, "fmt.Println": true,
		"log.Print": true, "log.Printf": true, "log.Println": true,
		"log.Fatal": true, "log.Fatalf": true, "os.Exit": true,
	}
	for _, f := range parseTree(t) {
		if f.test || !strings.HasPrefix(f.pkg, "internal/") {
			continue
		}
		for call := range calls(f.ast) {
			if banned[call] {
				t.Errorf("%s calls %s: stdout is the CLI's; return values or errors instead", f.path, call)
			}
		}
	}
}

// Analysis and input packages must not reach up into the store, the
// pipeline, the harness or the CLI.
func TestDependenciesPointOneWay(t *testing.T) {
	lower := []string{"internal/article", "internal/text", "internal/extract", "internal/source", "internal/boilerplate", "internal/synth"}
	upper := []string{"internal/store", "internal/ingest", "internal/eval", "cmd/"}
	for _, f := range parseTree(t) {
		if f.test {
			continue
		}
		isLower := false
		for _, l := range lower {
			if f.pkg == l || strings.HasPrefix(f.pkg, l+"/") {
				isLower = true
			}
		}
		if !isLower {
			continue
		}
		for _, imp := range f.ast.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			rel, ok := strings.CutPrefix(path, module+"/")
			if !ok {
				continue
			}
			for _, u := range upper {
				if rel == strings.TrimSuffix(u, "/") || strings.HasPrefix(rel, strings.TrimSuffix(u, "/")+"/") {
					t.Errorf("%s imports %s: analysis packages must not depend on %s", f.path, path, u)
				}
			}
		}
	}
}

func TestNoNetworkInAnalysis(t *testing.T) {
	// Reading HTTP messages stored in WARC files is parsing, not network
	// access: net/http's ReadResponse is allowed in source. Dialing is not.
	for _, f := range parseTree(t) {
		if f.test || !strings.HasPrefix(f.pkg, "internal/") {
			continue
		}
		for call := range calls(f.ast) {
			switch call {
			case "http.Get", "http.Post", "http.Head", "net.Dial", "net.DialTimeout", "net.Listen", "http.NewRequest", "http.NewRequestWithContext":
				t.Errorf("%s calls %s: no network at run time below cmd/ (the server package will be the exception)", f.path, call)
			}
		}
	}
}
