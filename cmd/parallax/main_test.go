package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/parallax-news/parallax/internal/synth"
)

// TestMain lets the test binary act as the parallax binary for tests that
// need a real process (killing one mid-run).
func TestMain(m *testing.M) {
	if os.Getenv("PARALLAX_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

type result struct {
	code           int
	stdout, stderr string
}

// cli runs parallax in-process against the store at db.
func cli(t *testing.T, db string, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{
		stdin:  strings.NewReader(stdin),
		stdout: &out,
		stderr: &errb,
		getenv: func(k string) string {
			if k == "PARALLAX_STORE" {
				return db
			}
			return ""
		},
	}
	code := run(context.Background(), e, args)
	return result{code, out.String(), errb.String()}
}

func sharedRoot(t *testing.T) string {
	t.Helper()
	root := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(filepath.Join(root, "corpus", "seeds")); errors.Is(err, fs.ErrNotExist) {
		t.Skip("no ../shared")
	}
	return root
}

func TestIngestSeedsAndInspect(t *testing.T) {
	root := sharedRoot(t)
	db := filepath.Join(t.TempDir(), "p.db")
	seeds := filepath.Join(root, "corpus", "seeds")

	r := cli(t, db, "", "ingest", "--progress", "none", seeds)
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "5 stored, 0 duplicates, 0 failed") {
		t.Fatalf("first ingest: %+v", r)
	}
	// Idempotent: a second run stores nothing and says why.
	r = cli(t, db, "", "ingest", "--progress", "none", seeds)
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "0 stored, 5 duplicates") || strings.Count(r.stderr, "duplicate of") != 5 {
		t.Fatalf("second ingest: %+v", r)
	}

	r = cli(t, db, "", "stats", "--json", "--text")
	var st struct {
		Articles int64 `json:"articles"`
		Sources  int64 `json:"sources"`
		Formats  map[string]int64
		Text     struct{ Paragraphs, Sentences, Tokens int }
	}
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil || r.code != 0 {
		t.Fatalf("stats: %v %+v", err, r)
	}
	if st.Articles != 5 || st.Sources != 5 || st.Formats["text"] != 5 || st.Text.Sentences < 50 || st.Text.Tokens < 3000 {
		t.Fatalf("stats = %+v", st)
	}

	r = cli(t, db, "", "ls", "--json")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) != 5 {
		t.Fatalf("ls: %+v", r)
	}
	var first struct {
		ID  string
		Seq int64
	}
	_ = json.Unmarshal([]byte(lines[0]), &first)
	if first.Seq != 1 || len(first.ID) != 64 {
		t.Fatalf("ls first = %+v", first)
	}

	// show: by prefix and by @N, human and JSON; the spans must cut the
	// text at the sentence boundaries the human format prints.
	r = cli(t, db, "", "show", first.ID[:8])
	r2 := cli(t, db, "", "show", "@1")
	if r.code != 0 || r.stdout != r2.stdout || !strings.Contains(r.stdout, "[1.1] ") || !strings.Contains(r.stdout, "ID:        "+first.ID) {
		t.Fatalf("show: %+v", r)
	}
	r = cli(t, db, "", "show", "--json", "@1")
	var shown struct {
		Text      string
		Sources   []string
		Sentences []struct{ Start, End int }
	}
	if err := json.Unmarshal([]byte(r.stdout), &shown); err != nil {
		t.Fatal(err)
	}
	if len(shown.Sentences) < 5 || len(shown.Sources) != 1 {
		t.Fatalf("show --json: %d sentences, sources %v", len(shown.Sentences), shown.Sources)
	}
	for _, s := range shown.Sentences {
		sent := shown.Text[s.Start:s.End]
		if !strings.Contains(r2.stdout, "] "+sent+"\n") {
			t.Fatalf("sentence %q not printed as a line of show", sent)
		}
	}
	// The stored text is the seed file, normalized: byte-identical here,
	// since the seeds are clean UTF-8 with one paragraph a line.
	raw := cli(t, db, "", "show", "--raw", "@1")
	if raw.code != 0 || strings.TrimSpace(raw.stdout) != shown.Text {
		t.Fatalf("raw and text differ for a clean seed")
	}

	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"show", "ffffffffffff"}, exitNotFound},
		{[]string{"show", "@99"}, exitNotFound},
		{[]string{"show", "zz"}, exitUsage},
		{[]string{"show"}, exitUsage},
		{[]string{"frobnicate"}, exitUsage},
		{[]string{"ls", "--nope"}, exitUsage},
		{[]string{"ingest"}, exitUsage},
		{[]string{"ingest", "--progress", "fancy", "x"}, exitUsage},
	} {
		if r := cli(t, db, "", c.args...); r.code != c.code || r.stderr == "" {
			t.Errorf("%v: code %d want %d, stderr %q", c.args, r.code, c.code, r.stderr)
		}
	}
	if r := cli(t, db, "", "ls", "-h"); r.code != 0 || !strings.Contains(r.stdout, "Usage: parallax ls") {
		t.Errorf("ls -h: %+v", r)
	}
	if r := cli(t, db, "", "version"); r.code != 0 || !strings.HasPrefix(r.stdout, "parallax ") {
		t.Errorf("version: %+v", r)
	}
}

func TestStories(t *testing.T) {
	root := sharedRoot(t)
	db := filepath.Join(t.TempDir(), "p.db")
	if r := cli(t, db, "", "ingest", "--progress", "none", filepath.Join(root, "corpus", "seeds")); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	r := cli(t, db, "", "stories", "--json")
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	type member struct{ ID string }
	var stories []struct {
		ID       string
		Articles []member
	}
	storyOf := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var s struct {
			ID       string
			Articles []member
		}
		if err := json.Unmarshal([]byte(line), &s); err != nil {
			t.Fatal(err)
		}
		stories = append(stories, s)
		for _, m := range s.Articles {
			if storyOf[m.ID] != "" {
				t.Fatalf("article %s in two stories", m.ID)
			}
			storyOf[m.ID] = s.ID
		}
	}
	if len(storyOf) != 5 || len(stories) < 2 {
		t.Fatalf("%d articles in %d stories", len(storyOf), len(stories))
	}
	// The gold's one two-article story: seeds 000 and 001 tell it.
	ids := map[string]string{}
	for _, name := range []string{"000_fb3604f1d8b36ee1.txt", "001_97f6c90c56eeb98e.txt"} {
		r := cli(t, db, "", "ls", "--json")
		for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
			var a struct{ ID, Source string }
			_ = json.Unmarshal([]byte(line), &a)
			if strings.HasSuffix(a.Source, name) {
				ids[name] = a.ID
			}
		}
	}
	if s0, s1 := storyOf[ids["000_fb3604f1d8b36ee1.txt"]], storyOf[ids["001_97f6c90c56eeb98e.txt"]]; s0 == "" || s0 != s1 {
		t.Fatalf("seeds 000 and 001 in stories %q and %q", s0, s1)
	}
	one := cli(t, db, "", "story", stories[0].ID[:6])
	if one.code != 0 || !strings.Contains(one.stdout, "story "+stories[0].ID) {
		t.Fatalf("story: %+v", one)
	}
	if r := cli(t, db, "", "story", "zzzz"); r.code != exitNotFound {
		t.Fatalf("unknown story: %+v", r)
	}
}

func TestReadCommandsDoNotCreateStores(t *testing.T) {
	typo := filepath.Join(t.TempDir(), "typo", "deep", "x.db")
	for _, cmd := range [][]string{{"ls"}, {"stats"}, {"show", "@1"}, {"stories"}} {
		r := cli(t, typo, "", cmd...)
		if r.code != exitSystem || !strings.Contains(r.stderr, "no store at") {
			t.Errorf("%v: %+v", cmd, r)
		}
	}
	if _, err := os.Stat(filepath.Dir(typo)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a read command created %s", filepath.Dir(typo))
	}
}

func TestPostgresNotYet(t *testing.T) {
	r := cli(t, "postgres://127.0.0.1/test", "", "stats")
	if r.code != exitUsage || !strings.Contains(r.stderr, "PostgreSQL") {
		t.Fatalf("%+v", r)
	}
}

// TestIngestBadInputs feeds one of every kind of bad input beside good
// ones: each bad one gets a line naming it, the good ones are all stored,
// and the exit code says some inputs failed.
func TestIngestBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		_, _ = w.Write(b)
		_ = w.Close()
		return buf.Bytes()
	}
	good := "The council approved the budget on Monday. “It is a fair deal,” the mayor said.\nOpposition members voted against it."
	write("good.txt", []byte(good))
	write("same-again.txt", []byte(good)) // duplicate content, other name
	write("page.html", []byte("<html><head><title>Budget passes</title></head><body><div><p>The budget passed <b>easily<p>Unclosed <i>tags everywhere<div>and more text</body>"))
	write("mixed-invalid.txt", []byte("Valid “UTF-8” here, then a bad byte \xff\xfe in the middle."))
	write("binary.txt", []byte("\x00\x01\x02\x03ELF\x00\x00binary\x00junk"))
	write("empty.txt", nil)
	full := gz([]byte(strings.Repeat("A long article text that will be cut. ", 2000)))
	write("truncated.txt.gz", full[:len(full)/2])
	write("records.jsonl", []byte(`{"url":"https://www.example.org/a","title":"A","text":"First record text."}
this is not json
{"url":"https://www.example.org/b","title":"No text here"}
{"title":"B","text":"Second record text, published.","published":"2024-05-01T10:00:00Z"}
`))
	huge := write("huge.txt", nil)
	if err := os.Truncate(huge, 2<<30); err != nil { // sparse: no disk used
		t.Fatal(err)
	}

	db := filepath.Join(t.TempDir(), "p.db")
	r := cli(t, db, "", "ingest", "--progress", "none", dir)
	if r.code != exitPartial {
		t.Fatalf("exit %d, want %d\n%s", r.code, exitPartial, r.stderr)
	}
	for _, want := range []string{
		"mixed-invalid.txt", "binary.txt", "empty.txt", "truncated.txt.gz",
		"records.jsonl", "line 2", "line 3", "huge.txt", "max-file-size",
		"same-again.txt: duplicate of",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	// good.txt, page.html, two JSONL records: 4 stored; same-again.txt a duplicate.
	if !strings.HasPrefix(r.stdout, "4 stored, 1 duplicates") {
		t.Fatalf("stdout %q\nstderr:\n%s", r.stdout, r.stderr)
	}
	r = cli(t, db, "", "ls", "--json")
	for _, want := range []string{`"title":"A"`, `"title":"B"`, `"title":"Budget passes"`, `"outlet":"example.org"`, `"published":"2024-05-01T10:00:00Z"`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("ls lacks %s:\n%s", want, r.stdout)
		}
	}
	// A raised limit lets the huge file through to the next check (it is
	// all NUL bytes: binary), proving the flag works; lower limits reject
	// even small files.
	r = cli(t, db, "", "ingest", "--progress", "none", "--max-file-size", "10", filepath.Join(dir, "good.txt"))
	if r.code != exitPartial || !strings.Contains(r.stderr, "good.txt") {
		t.Fatalf("small limit: %+v", r)
	}
}

// TestIngestSkipsNonArticles: files a directory walk leaves out on purpose
// (an image here) are noted, not failures.
func TestIngestSkipsNonArticles(t *testing.T) {
	dir := t.TempDir()
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
	if err := os.WriteFile(filepath.Join(dir, "photo.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "story.txt"), []byte("A short story about a vote."), 0o644); err != nil {
		t.Fatal(err)
	}
	r := cli(t, filepath.Join(t.TempDir(), "p.db"), "", "ingest", "--progress", "none", dir)
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "1 stored, 0 duplicates, 0 failed, 1 skipped") ||
		!strings.Contains(r.stderr, "note:") || !strings.Contains(r.stderr, "photo.png") {
		t.Fatalf("%+v", r)
	}
}

func TestIngestStdin(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	in := `{"title":"From stdin","text":"Piped text arrives here."}` + "\n"
	r := cli(t, db, in, "ingest", "--progress", "none", "--json", "-")
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"event":"stored"`) || !strings.Contains(lines[1], `"event":"summary"`) {
		t.Fatalf("json lines: %q", r.stdout)
	}
	// JSON lines on stdin with one broken line: only that line is lost.
	broken := "{\"text\":\"One here.\"}\n{\"text\":\"Two, missing brace.\"\n{\"text\":\"Three.\"}\n{\"text\":\"Four.\"}\n"
	r = cli(t, db, broken, "ingest", "--progress", "none", "-")
	if r.code != exitPartial || !strings.HasPrefix(r.stdout, "3 stored, 0 duplicates, 1 failed") || !strings.Contains(r.stderr, "line 2") {
		t.Fatalf("broken JSONL on stdin: %+v", r)
	}
	r = cli(t, db, "Plain text from a pipe.\n", "ingest", "--progress", "none", "-")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "1 stored") {
		t.Fatalf("%+v", r)
	}
}

// writeJSONL writes n synthetic articles as JSON lines.
func writeJSONL(t testing.TB, path string, n int) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	g := synth.New(42)
	enc := json.NewEncoder(w)
	for range n {
		a := g.Next()
		_ = enc.Encode(map[string]any{"url": a.URL, "title": a.Title, "published": a.Published, "text": a.Text})
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
}

// TestKilledMidIngest kills a real parallax process with SIGKILL in the
// middle of an ingest, then checks the store is valid and that running the
// same command again finishes the job with no duplicates and no loss.
func TestKilledMidIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	input := filepath.Join(dir, "many.jsonl")
	const n = 20000
	writeJSONL(t, input, n)
	db := filepath.Join(dir, "p.db")

	cmd := exec.Command(os.Args[0], "ingest", "--json", "--progress", "none", input)
	cmd.Env = append(os.Environ(), "PARALLAX_TEST_MAIN=1", "PARALLAX_STORE="+db)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until some articles are committed (a "stored" line is printed
	// after its transaction commits), then kill without warning.
	sc := bufio.NewScanner(stdout)
	seen := 0
	for sc.Scan() && seen < 2000 {
		if strings.Contains(sc.Text(), `"stored"`) {
			seen++
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if seen < 2000 {
		t.Fatalf("process ended before the kill: only %d stored", seen)
	}

	before := cli(t, db, "", "stats", "--json")
	var st struct{ Articles int64 }
	if err := json.Unmarshal([]byte(before.stdout), &st); err != nil || before.code != 0 {
		t.Fatalf("store unreadable after SIGKILL: %v %+v", err, before)
	}
	if st.Articles < 2000 || st.Articles >= n {
		t.Fatalf("after kill: %d articles, want between 2000 and %d", st.Articles, n)
	}

	r := cli(t, db, "", "ingest", "-q", "--progress", "none", input)
	want := fmt.Sprintf("%d stored, %d duplicates, 0 failed", n-st.Articles, st.Articles)
	if r.code != 0 || !strings.HasPrefix(r.stdout, want) {
		t.Fatalf("re-run: %q, want %q (stderr %s)", r.stdout, want, r.stderr)
	}
	after := cli(t, db, "", "stats", "--json")
	_ = json.Unmarshal([]byte(after.stdout), &st)
	if st.Articles != n {
		t.Fatalf("after re-run: %d articles, want %d", st.Articles, n)
	}
}

func TestEvalCLI(t *testing.T) {
	// An empty data root: every dataset is skipped with a line, none fails.
	empty := t.TempDir()
	r := cli(t, "", "", "eval", "--json", "--data-root", empty)
	if r.code != exitOK || r.stdout != "" || !strings.Contains(r.stderr, "sentences/gum-news: skipped") ||
		!strings.Contains(r.stderr, "boilerplate/seeds: skipped") || strings.Contains(r.stderr, "failed") {
		t.Fatalf("empty root: %+v", r)
	}
	if r := cli(t, "", "", "eval", "--data-root", filepath.Join(empty, "nope")); r.code != exitUsage {
		t.Fatalf("missing root: %+v", r)
	}
	if r := cli(t, "", "", "eval", "--data-root", empty, "nosuchtask"); r.code != exitUsage || !strings.Contains(r.stderr, "unknown task") {
		t.Fatalf("unknown task: %+v", r)
	}
	// The real root: one JSON object per line in the documented shape.
	root := sharedRoot(t)
	r = cli(t, "", "", "eval", "--json", "--data-root", root, "sentences", "boilerplate")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != exitOK || len(lines) != 2 {
		t.Fatalf("%+v", r)
	}
	for _, line := range lines {
		var res map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &res); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"task", "dataset", "n", "metrics"} {
			if _, ok := res[k]; !ok {
				t.Fatalf("line %s lacks %q", line, k)
			}
		}
		if len(res) != 4 {
			t.Fatalf("line %s has extra keys", line)
		}
	}
	var sent struct {
		Task, Dataset string
		N             int
		Metrics       map[string]float64
	}
	_ = json.Unmarshal([]byte(lines[0]), &sent)
	if sent.Task != "sentences" || sent.Dataset != "gum-news" || sent.N != 43 || sent.Metrics["f1"] < 0.97 || sent.Metrics["inner_f1"] < 0.95 {
		t.Fatalf("sentences: %+v", sent)
	}
}

// TestExitCodes runs the real binary (this test binary acting as it) and
// checks the documented exit codes, which only a separate process shows.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	bad := filepath.Join(dir, "bad.jsonl")
	good := filepath.Join(dir, "good.txt")
	_ = os.WriteFile(bad, []byte("not json\n"), 0o644)
	_ = os.WriteFile(good, []byte("A story about a vote."), 0o644)
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"version"}, exitOK},
		{[]string{"ingest", "--progress", "none", good}, exitOK},
		{[]string{"bogus"}, exitUsage},
		{[]string{"show", "ffffffff"}, exitNotFound},
		{[]string{"ingest", "--progress", "none", bad}, exitPartial},
		{[]string{"ls", "--store", filepath.Join(dir, "good.txt")}, exitSystem},
	} {
		cmd := exec.Command(os.Args[0], c.args...)
		cmd.Env = append(os.Environ(), "PARALLAX_TEST_MAIN=1", "PARALLAX_STORE="+db)
		err := cmd.Run()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != c.want {
			t.Errorf("parallax %v: exit %d, want %d", c.args, code, c.want)
		}
	}
}

// A .txt with a stray control byte is an article; one with NUL bytes is a
// failure (not a skipped note); a date that cannot be read is a warning.
func TestIngestContentJudgedByNormalizer(t *testing.T) {
	dir := t.TempDir()
	_ = os.WriteFile(filepath.Join(dir, "vt.txt"), []byte("The minister said on Tuesday\x0bthat talks would resume."), 0o644)
	_ = os.WriteFile(filepath.Join(dir, "nul.txt"), []byte("abc\x00\x00\x00def\x00"), 0o644)
	_ = os.WriteFile(filepath.Join(dir, "d.jsonl"), []byte(`{"text":"Dated badly.","published":"not a date"}`+"\n"), 0o644)
	r := cli(t, filepath.Join(t.TempDir(), "p.db"), "", "ingest", "--progress", "none", dir)
	if r.code != exitPartial || !strings.HasPrefix(r.stdout, "2 stored, 0 duplicates, 1 failed") ||
		!strings.Contains(r.stderr, "nul.txt") || strings.Contains(r.stderr, "note:") ||
		!strings.Contains(r.stderr, "warning:") {
		t.Fatalf("%+v", r)
	}
}
