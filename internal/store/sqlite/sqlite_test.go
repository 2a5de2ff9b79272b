package sqlite_test

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/store/sqlite"
	"github.com/parallax-news/parallax/internal/store/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) (store.Store, func(*testing.T) store.Store) {
		path := filepath.Join(t.TempDir(), "parallax.db")
		open := func(t *testing.T) store.Store {
			t.Helper()
			s, err := sqlite.Open(t.Context(), path, sqlite.Options{})
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			return s
		}
		return open(t), open
	})
}

func open(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), path, sqlite.Options{})
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// rawDB opens the file at path directly, to look at or damage what the
// store wrote. The store must be closed.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	u := url.URL{Path: filepath.ToSlash(path)}
	db, err := sql.Open("sqlite", "file:"+u.EscapedPath())
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func exec1(t *testing.T, db *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func newArticle(text string) *article.Article {
	return &article.Article{
		ID:     article.HashText(text),
		Source: "test:" + text,
		Outlet: "example",
		Format: article.FormatText,
		Text:   text,
	}
}

func TestOpenCreatesFileAndDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b c", "d#?")
	path := filepath.Join(dir, "parallax.db")
	s := open(t, path)
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file: %v", err)
	}
	if _, err := s.Put(t.Context(), newArticle("x"), nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	var mode string
	if err := db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
}

func TestOpenRelativePath(t *testing.T) {
	t.Chdir(t.TempDir())
	s := open(t, filepath.Join("rel", "p.db"))
	if !filepath.IsAbs(s.Path()) {
		t.Errorf("Path() = %q, want absolute", s.Path())
	}
	if _, err := os.Stat(filepath.Join("rel", "p.db")); err != nil {
		t.Error(err)
	}
}

func TestSchemaVersionRecorded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	s := open(t, path)
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	migrations, err := filepath.Glob("migrations/*.sql")
	if err != nil || len(migrations) == 0 {
		t.Fatalf("no migrations found: %v", err)
	}
	if st.SchemaVersion != len(migrations) {
		t.Errorf("Stats.SchemaVersion = %d, want %d", st.SchemaVersion, len(migrations))
	}
	s.Close()
	var n, max int
	if err := rawDB(t, path).QueryRow(`SELECT COUNT(*), MAX(version) FROM schema_migrations`).Scan(&n, &max); err != nil {
		t.Fatal(err)
	}
	if n != len(migrations) || max != len(migrations) {
		t.Errorf("schema_migrations has %d rows up to %d, want %d", n, max, len(migrations))
	}
	// Opening again applies nothing twice.
	s = open(t, path)
	if st, err := s.Stats(t.Context()); err != nil || st.SchemaVersion != len(migrations) {
		t.Errorf("after reopen: SchemaVersion %d, %v", st.SchemaVersion, err)
	}
}

func TestOpenRefusesFutureVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	s := open(t, path)
	s.Close()
	exec1(t, rawDB(t, path), `INSERT INTO schema_migrations (version, applied_at) VALUES (999, 'later')`)
	_, err := sqlite.Open(t.Context(), path, sqlite.Options{})
	if !errors.Is(err, article.ErrCorrupt) || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("Open of a future database = %v, want ErrCorrupt saying it is newer", err)
	}
}

func TestOpenRefusesBadFiles(t *testing.T) {
	// A real database, to damage.
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	s := open(t, good)
	for i := range 50 {
		if _, err := s.Put(t.Context(), newArticle(fmt.Sprintf("article %d %s", i, strings.Repeat("x", 2000))), nil); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	image, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	damaged := append([]byte(nil), image...)
	for i := 100; i < 4096 && i < len(damaged); i++ { // page 1 after the header: the schema
		damaged[i] = byte(i * 7)
	}
	foreign := filepath.Join(dir, "foreign.db")
	fdb, err := sql.Open("sqlite", "file:"+foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fdb.Exec(`CREATE TABLE notes (body TEXT)`); err != nil {
		t.Fatal(err)
	}
	fdb.Close()

	tests := []struct {
		name string
		data []byte // nil: use the file as is
		path string
	}{
		{"text", []byte("this is a text file, not a database\n"), ""},
		{"one byte", []byte{0}, ""},
		{"header only", []byte("SQLite format 3\x00"), ""},
		{"truncated", image[:100], ""},
		{"damaged schema", damaged, ""},
		{"foreign database", nil, foreign},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if path == "" {
				path = filepath.Join(t.TempDir(), "bad.db")
				if err := os.WriteFile(path, tt.data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			s, err := sqlite.Open(t.Context(), path, sqlite.Options{})
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if !errors.Is(err, article.ErrCorrupt) {
				t.Fatalf("Open = %v, want ErrCorrupt", err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
	// The foreign database was left alone.
	var n int
	if err := rawDB(t, foreign).QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'articles'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("foreign database gained an articles table (%d, %v)", n, err)
	}
}

func TestOpenEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s := open(t, path)
	if _, err := s.Put(t.Context(), newArticle("into an empty file"), nil); err != nil {
		t.Fatal(err)
	}
}

func TestOpenInvalid(t *testing.T) {
	tests := []struct {
		name string
		path string
		opts sqlite.Options
		kind error
	}{
		{"empty path", "", sqlite.Options{}, article.ErrInvalid},
		{"negative busy timeout", "p.db", sqlite.Options{BusyTimeout: -time.Second}, article.ErrInvalid},
		{"negative read conns", "p.db", sqlite.Options{ReadConns: -1}, article.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if path != "" {
				path = filepath.Join(t.TempDir(), path)
			}
			if _, err := sqlite.Open(t.Context(), path, tt.opts); !errors.Is(err, tt.kind) {
				t.Errorf("Open = %v, want %v", err, tt.kind)
			}
		})
	}
	dir := t.TempDir()
	if _, err := sqlite.Open(t.Context(), dir, sqlite.Options{}); err == nil {
		t.Error("Open of a directory succeeded")
	}
}

func TestOptions(t *testing.T) {
	var o sqlite.Options
	o.EnsureDefaults()
	want := sqlite.Options{BusyTimeout: sqlite.DefaultBusyTimeout, ReadConns: sqlite.DefaultReadConns}
	if diff := cmp.Diff(want, o); diff != "" {
		t.Errorf("EnsureDefaults (-want +got):\n%s", diff)
	}
	if err := o.Validate(); err != nil {
		t.Errorf("Validate of the defaults: %v", err)
	}
	set := sqlite.Options{BusyTimeout: time.Minute, ReadConns: 9}
	if got := *set.EnsureDefaults(); got != (sqlite.Options{BusyTimeout: time.Minute, ReadConns: 9}) {
		t.Errorf("EnsureDefaults changed set fields: %+v", got)
	}
}

func TestDefaultPath(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		home string
		want string
	}{
		{"xdg", map[string]string{"XDG_DATA_HOME": "/data"}, "/home/u", "/data/parallax/parallax.db"},
		{"home", nil, "/home/u", "/home/u/.local/share/parallax/parallax.db"},
		{"relative xdg ignored", map[string]string{"XDG_DATA_HOME": "data"}, "/home/u", "/home/u/.local/share/parallax/parallax.db"},
		{"xdg without home", map[string]string{"XDG_DATA_HOME": "/data"}, "", "/data/parallax/parallax.db"},
		{"nothing", nil, "", ""},
		{"relative home", nil, "home", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sqlite.DefaultPath(func(k string) string { return tt.env[k] }, tt.home)
			if got != filepath.FromSlash(tt.want) {
				t.Errorf("DefaultPath = %q, want %q", got, tt.want)
			}
		})
	}
	if got := sqlite.DefaultPath(nil, "/h"); got != filepath.FromSlash("/h/.local/share/parallax/parallax.db") {
		t.Errorf("DefaultPath(nil, /h) = %q", got)
	}
}

const compressible = "<div class=\"story\"><p>Compressible paragraph.</p></div>\n"

// withRaw returns the path of a closed store holding one article, whose ID
// it also returns, with a compressible raw input.
func withRaw(t *testing.T) (path, id string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "p.db")
	s := open(t, path)
	a := newArticle("raw kept compressed")
	html := strings.Repeat(compressible, 500)
	if _, err := s.Put(t.Context(), a, &article.Raw{MediaType: "text/html", Data: []byte(html)}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path, a.ID
}

func TestRawCompressed(t *testing.T) {
	path, id := withRaw(t)
	var size, stored int
	if err := rawDB(t, path).QueryRow(`SELECT raw_size, length(data) FROM raws WHERE article_id = ?`, id).Scan(&size, &stored); err != nil {
		t.Fatal(err)
	}
	if want := 500 * len(compressible); size != want || stored >= size/4 {
		t.Errorf("raw of %d bytes stored as %d (raw_size %d); want raw_size %d, compressed", want, stored, size, want)
	}
}

func TestRawDamaged(t *testing.T) {
	tests := []struct {
		name   string
		update string
	}{
		{"garbage data", `UPDATE raws SET data = x'deadbeef00ff'`},
		{"empty data", `UPDATE raws SET data = x''`},
		{"size too small", `UPDATE raws SET raw_size = raw_size - 1`},
		{"size too large", `UPDATE raws SET raw_size = raw_size + 1`},
		{"huge size", `UPDATE raws SET raw_size = 1 << 40`},
		{"negative size", `UPDATE raws SET raw_size = -1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, id := withRaw(t)
			db := rawDB(t, path)
			exec1(t, db, tt.update)
			db.Close()
			s := open(t, path)
			if _, err := s.Raw(t.Context(), id); !errors.Is(err, article.ErrCorrupt) {
				t.Errorf("Raw of damaged data = %v, want ErrCorrupt", err)
			}
		})
	}
}

func TestDamagedRowsAreCorrupt(t *testing.T) {
	tests := []struct {
		name   string
		update string
	}{
		{"published", `UPDATE articles SET published = 'yesterday'`},
		{"ingested", `UPDATE articles SET ingested = '2024-13-45'`},
		{"boilerplate", `UPDATE articles SET boilerplate = '["unterminated'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, id := withRaw(t)
			db := rawDB(t, path)
			exec1(t, db, tt.update)
			db.Close()
			s := open(t, path)
			if _, err := s.Get(t.Context(), id); !errors.Is(err, article.ErrCorrupt) {
				t.Errorf("Get = %v, want ErrCorrupt", err)
			}
			for _, err := range s.List(t.Context(), store.Query{WithText: true}) {
				if !errors.Is(err, article.ErrCorrupt) {
					t.Errorf("List yielded %v, want ErrCorrupt", err)
				}
			}
		})
	}
}

// TestTwoWriters opens one file twice, as two processes would, and writes
// overlapping articles through both at once: the file lock and busy
// timeout must serialize them without errors or duplicates.
func TestTwoWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	stores := []*sqlite.Store{open(t, path), open(t, path)}
	const n = 60
	var wg sync.WaitGroup
	for i, s := range stores {
		wg.Go(func() {
			for j := range n {
				a := newArticle(fmt.Sprintf("shared article %d", (j+i*n/2)%n))
				a.Source = fmt.Sprintf("writer %d", i)
				if _, err := s.Put(t.Context(), a, &article.Raw{MediaType: "text/plain", Data: []byte(a.Text)}); err != nil {
					t.Errorf("writer %d: %v", i, err)
					return
				}
			}
		})
	}
	wg.Wait()
	for _, s := range stores {
		st, err := s.Stats(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if st.Articles != n || st.Sources != 2*n {
			t.Errorf("Stats: %d articles, %d sources; want %d, %d", st.Articles, st.Sources, n, 2*n)
		}
	}
}

var killHelper = flag.Bool("kill-helper", false, "run as the child process of TestKilledWriter")

// TestKilledWriter kills a process in the middle of writing and checks the
// promise of one transaction per article: every Put that returned is kept,
// with its source and raw input, and the file is sound.
func TestKilledWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	path := filepath.Join(t.TempDir(), "p.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$", "-kill-helper", "--", path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var done []string
	sc := bufio.NewScanner(out)
	for sc.Scan() && len(done) < 300 {
		if id, ok := strings.CutPrefix(sc.Text(), "put "); ok {
			done = append(done, id)
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if len(done) < 300 {
		t.Fatalf("child stopped after %d Puts", len(done))
	}

	db := rawDB(t, path)
	var check string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	var orphans int
	if err := db.QueryRow(`SELECT COUNT(*) FROM articles a WHERE
		NOT EXISTS (SELECT 1 FROM sources s WHERE s.article_id = a.id) OR
		NOT EXISTS (SELECT 1 FROM raws r WHERE r.article_id = a.id)`).Scan(&orphans); err != nil {
		t.Fatal(err)
	}
	if orphans != 0 {
		t.Errorf("%d articles stored without their source or raw input", orphans)
	}
	db.Close()

	s := open(t, path)
	for _, id := range done {
		if _, err := s.Get(t.Context(), id); err != nil {
			t.Fatalf("article %s, Put before the kill: %v", id, err)
		}
	}
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles < int64(len(done)) {
		t.Errorf("%d articles after the kill, want at least %d", st.Articles, len(done))
	}
}

// TestKillHelper is the child of TestKilledWriter: it writes articles until
// it is killed, reporting each that Put returned.
func TestKillHelper(t *testing.T) {
	if !*killHelper {
		t.Skip("run by TestKilledWriter")
	}
	s, err := sqlite.Open(context.Background(), flag.Arg(0), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(os.Stdout)
	raw := []byte(strings.Repeat("<p>raw input</p>", 2000))
	for i := 0; ; i++ {
		a := newArticle("killed writer article " + strconv.Itoa(i) + strings.Repeat(" text", 500))
		if _, err := s.Put(context.Background(), a, &article.Raw{MediaType: "text/html", Data: raw}); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(w, "put %s\n", a.ID)
		w.Flush()
	}
}

// lockFile holds the write lock on the database at path, as another
// process in the middle of a write would, until the test ends.
func lockFile(t *testing.T, path string) {
	t.Helper()
	db := rawDB(t, path)
	conn, err := db.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(t.Context(), `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.ExecContext(context.Background(), `ROLLBACK`)
		conn.Close()
	})
}

func TestPutLocked(t *testing.T) {
	t.Run("busy timeout", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "p.db")
		s, err := sqlite.Open(t.Context(), path, sqlite.Options{BusyTimeout: 50 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		lockFile(t, path)
		start := time.Now()
		_, err = s.Put(t.Context(), newArticle("waits for the lock"), nil)
		if !errors.Is(err, article.ErrTransient) {
			t.Errorf("Put while another process writes = %v, want ErrTransient", err)
		}
		if d := time.Since(start); d < 40*time.Millisecond || d > 3*time.Second {
			t.Errorf("Put gave up after %v, want about the 50ms busy timeout", d)
		}
	})
	t.Run("context deadline", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "p.db")
		s := open(t, path) // busy timeout 5s
		lockFile(t, path)
		ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := s.Put(ctx, newArticle("waits for the lock"), nil)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Put = %v, want context.DeadlineExceeded", err)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("Put returned after %v, want soon after its 50ms deadline", d)
		}
		// The store still works once the lock is free.
		if _, err := s.Get(t.Context(), article.HashText("waits for the lock")); !errors.Is(err, article.ErrNotFound) {
			t.Errorf("Get after a timed-out Put = %v, want ErrNotFound", err)
		}
	})
}

func TestSchemaVersionMatchesStore(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "v.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if v := sqlite.SchemaVersion(); v < 1 || v != s.SchemaVersion {
		t.Fatalf("SchemaVersion() = %d, store says %d", v, s.SchemaVersion)
	}
}
