// Package migrate applies versioned SQL schema migrations to a database/sql
// database. It is shared by the SQL store implementations: each embeds its
// own migrations and calls Up when it opens a database.
//
// Migrations are files named NNNN_description.sql (0001_init.sql,
// 0002_add_x.sql, ...) in one directory of an fs.FS, numbered from 1 without
// gaps. Each is applied in its own transaction together with the row that
// records it in schema_migrations, so a database is always at exactly one
// version. The SQL in this package is portable between SQLite and
// PostgreSQL.
package migrate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/article"
)

// Migration is one schema step.
type Migration struct {
	Version int    // from the file name: 1 for 0001_init.sql
	Name    string // the file name
	SQL     string // the statements, applied in one transaction
}

const createTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	applied_at TEXT NOT NULL
)`

// Load reads the migrations in dir of fsys, in version order. It fails with
// article.ErrInvalid when a .sql file is misnamed, two files share a version,
// or the versions do not run 1, 2, 3, ... without gaps. Files not ending in
// .sql are ignored.
func Load(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("migrate load %s: %w", dir, err)
	}
	var ms []Migration
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".sql") {
			continue
		}
		v, err := parseName(name)
		if err != nil {
			return nil, fmt.Errorf("migrate load %s: %w", dir, err)
		}
		data, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("migrate load %s: %w", dir, err)
		}
		ms = append(ms, Migration{Version: v, Name: name, SQL: string(data)})
	}
	slices.SortFunc(ms, func(a, b Migration) int { return a.Version - b.Version })
	for i, m := range ms {
		if m.Version != i+1 {
			if i > 0 && ms[i-1].Version == m.Version {
				return nil, fmt.Errorf("migrate load %s: %s and %s share version %d: %w",
					dir, ms[i-1].Name, m.Name, m.Version, article.ErrInvalid)
			}
			return nil, fmt.Errorf("migrate load %s: %s: expected version %d: %w",
				dir, m.Name, i+1, article.ErrInvalid)
		}
	}
	return ms, nil
}

// parseName returns the version in a name of the form NNNN_description.sql.
func parseName(name string) (int, error) {
	num, rest, ok := strings.Cut(strings.TrimSuffix(name, ".sql"), "_")
	if !ok || len(num) != 4 || rest == "" {
		return 0, fmt.Errorf("%s: want NNNN_description.sql: %w", name, article.ErrInvalid)
	}
	v, err := strconv.Atoi(num)
	if err != nil || v < 1 || strings.ContainsAny(num, "+-") {
		return 0, fmt.Errorf("%s: want a version 0001 to 9999: %w", name, article.ErrInvalid)
	}
	return v, nil
}

// Up applies to db every migration in dir of fsys that is newer than the
// version db records, and returns the version db is then at. It refuses,
// with an error wrapping article.ErrCorrupt, a database that records a
// version newer than the newest migration in fsys: it was written by a newer
// parallax, and this one would misread it.
//
// Each migration runs in its own transaction, so a failure leaves db at the
// last version fully applied. Up is safe to run again at any time; when two
// processes race, the loser of each step finds it already applied (on
// SQLite with BEGIN IMMEDIATE) or fails on the primary key and can retry.
func Up(ctx context.Context, db *sql.DB, fsys fs.FS, dir string) (version int, err error) {
	ms, err := Load(fsys, dir)
	if err != nil {
		return 0, err
	}
	if _, err := db.ExecContext(ctx, createTable); err != nil {
		return 0, fmt.Errorf("migrate: create schema_migrations: %w", err)
	}
	cur, err := current(ctx, db)
	if err != nil {
		return 0, err
	}
	if err := checkKnown(cur, len(ms)); err != nil {
		return cur, err
	}
	for _, m := range ms[cur:] {
		cur, err = apply(ctx, db, m, len(ms))
		if err != nil {
			return cur, err
		}
	}
	return cur, nil
}

// apply runs m in one transaction unless another process got there first,
// and returns the version db is at afterwards.
func apply(ctx context.Context, db *sql.DB, m Migration, known int) (int, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("migrate %s: begin: %w", m.Name, err)
	}
	defer tx.Rollback() // a no-op once committed
	var cur int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&cur); err != nil {
		return 0, fmt.Errorf("migrate %s: read version: %w", m.Name, err)
	}
	if err := checkKnown(cur, known); err != nil {
		return cur, err
	}
	if cur >= m.Version {
		return cur, nil // applied concurrently
	}
	if cur != m.Version-1 {
		return cur, fmt.Errorf("migrate %s: database at version %d, want %d: %w",
			m.Name, cur, m.Version-1, article.ErrCorrupt)
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return cur, fmt.Errorf("migrate %s: %w", m.Name, err)
	}
	now := time.Now().UTC().Format(time.RFC3339Nano)
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)`, m.Version, now); err != nil {
		return cur, fmt.Errorf("migrate %s: record version: %w", m.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return cur, fmt.Errorf("migrate %s: commit: %w", m.Name, err)
	}
	return m.Version, nil
}

func checkKnown(cur, known int) error {
	if cur > known {
		return fmt.Errorf("migrate: database schema version %d is newer than this program knows (%d); use a newer parallax: %w",
			cur, known, article.ErrCorrupt)
	}
	return nil
}

// Querier is what Version reads through: a *sql.DB, *sql.Conn or *sql.Tx,
// so a caller can read the version inside its own transaction.
type Querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Version returns the schema version db records: 0 for a database that
// has never been migrated.
func Version(ctx context.Context, db Querier) (int, error) {
	return current(ctx, db)
}

func current(ctx context.Context, db Querier) (int, error) {
	var v int
	err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	if err != nil {
		if ctx.Err() == nil && isNoTable(err) {
			return 0, nil
		}
		return 0, fmt.Errorf("migrate: read version: %w", err)
	}
	return v, nil
}

// isNoTable reports whether err says schema_migrations does not exist. The
// drivers share no error type for it, so this goes by the message that
// SQLite ("no such table") and PostgreSQL ("does not exist") give.
func isNoTable(err error) bool {
	if errors.Is(err, sql.ErrNoRows) {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "no such table") ||
		(strings.Contains(msg, "schema_migrations") && strings.Contains(msg, "does not exist"))
}
