package migrate_test

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	_ "modernc.org/sqlite"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/store/migrate"
)

func openDB(t *testing.T) *sql.DB {
	t.Helper()
	dsn := "file:" + filepath.Join(t.TempDir(), "m.db") + "?_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func files(m map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, sql := range m {
		fsys["m/"+name] = &fstest.MapFile{Data: []byte(sql)}
	}
	return fsys
}

const (
	m1 = `CREATE TABLE a (x INTEGER);
INSERT INTO a VALUES (1);`
	m2 = `CREATE TABLE b (y TEXT);
INSERT INTO a VALUES (2);`
)

func TestLoad(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []int // versions, nil when an error is wanted
	}{
		{"empty", map[string]string{}, []int{}},
		{"ordered", map[string]string{"0002_b.sql": m2, "0001_a.sql": m1}, []int{1, 2}},
		{"others ignored", map[string]string{"0001_a.sql": m1, "README": "x", "0002_b.sql.orig": "x"}, []int{1}},
		{"gap", map[string]string{"0001_a.sql": m1, "0003_c.sql": m2}, nil},
		{"not from one", map[string]string{"0002_b.sql": m2}, nil},
		{"duplicate", map[string]string{"0001_a.sql": m1, "0001_b.sql": m2}, nil},
		{"zero", map[string]string{"0000_a.sql": m1}, nil},
		{"short number", map[string]string{"001_a.sql": m1}, nil},
		{"no description", map[string]string{"0001.sql": m1}, nil},
		{"empty description", map[string]string{"0001_.sql": m1}, nil},
		{"not a number", map[string]string{"00x1_a.sql": m1}, nil},
		{"signed", map[string]string{"+001_a.sql": m1}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := files(tt.files)
			fsys["m"] = &fstest.MapFile{Mode: fs.ModeDir | 0o755} // the directory, even when empty
			ms, err := migrate.Load(fsys, "m")
			if tt.want == nil {
				if !errors.Is(err, article.ErrInvalid) {
					t.Fatalf("Load = %v, %v; want ErrInvalid", ms, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := []int{}
			for _, m := range ms {
				got = append(got, m.Version)
				if m.SQL != tt.files[m.Name] {
					t.Errorf("%s: SQL = %q, want %q", m.Name, m.SQL, tt.files[m.Name])
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("versions (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadMissingDir(t *testing.T) {
	if _, err := migrate.Load(fstest.MapFS{}, "nope"); err == nil {
		t.Fatal("Load of a missing directory succeeded")
	}
}

// rows returns the values of column x of table a, which each migration
// appends to, so a migration applied twice shows.
func rows(t *testing.T, db *sql.DB) []int {
	t.Helper()
	r, err := db.Query(`SELECT x FROM a ORDER BY rowid`)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var xs []int
	for r.Next() {
		var x int
		if err := r.Scan(&x); err != nil {
			t.Fatal(err)
		}
		xs = append(xs, x)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return xs
}

func tableExists(t *testing.T, db *sql.DB, name string) bool {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

func up(t *testing.T, db *sql.DB, fsys fstest.MapFS) int {
	t.Helper()
	v, err := migrate.Up(context.Background(), db, fsys, "m")
	if err != nil {
		t.Fatalf("Up: %v", err)
	}
	return v
}

func TestUpFresh(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	if v, err := migrate.Version(ctx, db); err != nil || v != 0 {
		t.Fatalf("Version of an empty database = %d, %v; want 0, nil", v, err)
	}
	before := time.Now().Add(-time.Second)
	if v := up(t, db, files(map[string]string{"0001_a.sql": m1, "0002_b.sql": m2})); v != 2 {
		t.Fatalf("Up = %d, want 2", v)
	}
	if diff := cmp.Diff([]int{1, 2}, rows(t, db)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if !tableExists(t, db, "b") {
		t.Error("table b missing")
	}
	if v, err := migrate.Version(ctx, db); err != nil || v != 2 {
		t.Errorf("Version = %d, %v; want 2, nil", v, err)
	}
	r, err := db.Query(`SELECT version, applied_at FROM schema_migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var versions []int
	for r.Next() {
		var v int
		var at string
		if err := r.Scan(&v, &at); err != nil {
			t.Fatal(err)
		}
		versions = append(versions, v)
		ts, err := time.Parse(time.RFC3339Nano, at)
		if err != nil || ts.Before(before) || ts.After(time.Now().Add(time.Second)) {
			t.Errorf("version %d applied_at = %q (%v), want about now", v, at, err)
		}
	}
	if diff := cmp.Diff([]int{1, 2}, versions); diff != "" {
		t.Errorf("schema_migrations (-want +got):\n%s", diff)
	}
}

func TestUpAgainIsNoOp(t *testing.T) {
	db := openDB(t)
	fsys := files(map[string]string{"0001_a.sql": m1, "0002_b.sql": m2})
	up(t, db, fsys)
	if v := up(t, db, fsys); v != 2 {
		t.Fatalf("second Up = %d, want 2", v)
	}
	if diff := cmp.Diff([]int{1, 2}, rows(t, db)); diff != "" {
		t.Errorf("rows after a second Up (-want +got):\n%s", diff)
	}
}

func TestUpIncremental(t *testing.T) {
	db := openDB(t)
	if v := up(t, db, files(map[string]string{"0001_a.sql": m1})); v != 1 {
		t.Fatalf("Up = %d, want 1", v)
	}
	if tableExists(t, db, "b") {
		t.Fatal("table b exists before its migration")
	}
	if v := up(t, db, files(map[string]string{"0001_a.sql": m1, "0002_b.sql": m2})); v != 2 {
		t.Fatalf("Up = %d, want 2", v)
	}
	if diff := cmp.Diff([]int{1, 2}, rows(t, db)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestUpFailureRollsBack(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	bad := `CREATE TABLE c (z INTEGER);
INSERT INTO a VALUES (3);
INSERT INTO nosuchtable VALUES (1);`
	v, err := migrate.Up(ctx, db, files(map[string]string{"0001_a.sql": m1, "0002_bad.sql": bad}), "m")
	if err == nil {
		t.Fatal("Up with a failing migration succeeded")
	}
	if v != 1 {
		t.Errorf("Up = %d, want 1 (the last good version)", v)
	}
	if got, _ := migrate.Version(ctx, db); got != 1 {
		t.Errorf("Version = %d, want 1", got)
	}
	if tableExists(t, db, "c") {
		t.Error("table c from the failed migration exists")
	}
	if diff := cmp.Diff([]int{1}, rows(t, db)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestUpRefusesNewerDatabase(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	up(t, db, files(map[string]string{"0001_a.sql": m1, "0002_b.sql": m2}))
	v, err := migrate.Up(ctx, db, files(map[string]string{"0001_a.sql": m1}), "m")
	if !errors.Is(err, article.ErrCorrupt) {
		t.Fatalf("Up of a newer database = %d, %v; want ErrCorrupt", v, err)
	}
	if v != 2 {
		t.Errorf("Up = %d, want the recorded version 2", v)
	}
	if diff := cmp.Diff([]int{1, 2}, rows(t, db)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestUpBadMigrationsApplyNothing(t *testing.T) {
	db := openDB(t)
	_, err := migrate.Up(context.Background(), db, files(map[string]string{"0001_a.sql": m1, "0003_c.sql": m2}), "m")
	if !errors.Is(err, article.ErrInvalid) {
		t.Fatalf("Up = %v, want ErrInvalid", err)
	}
	if tableExists(t, db, "a") {
		t.Error("a migration was applied from an invalid set")
	}
}

func TestUpCanceled(t *testing.T) {
	db := openDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := migrate.Up(ctx, db, files(map[string]string{"0001_a.sql": m1}), "m")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Up with a canceled context = %v, want context.Canceled", err)
	}
	if tableExists(t, db, "a") {
		t.Error("migration applied despite a canceled context")
	}
}
