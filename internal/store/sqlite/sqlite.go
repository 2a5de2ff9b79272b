// Package sqlite is the embedded store.Store: one SQLite file, created on
// first use, written through the pure-Go modernc.org/sqlite driver.
//
// The file is in WAL mode with synchronous=NORMAL: every Put is one
// transaction, so a killed process loses at most the article in flight, and
// readers never wait for the writer. Writes go through a single connection,
// which serializes them in this process; other processes wait for the lock
// up to Options.BusyTimeout.
package sqlite

import (
	"bytes"
	"compress/flate"
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/store/migrate"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a store.Store in one SQLite file. It is safe for concurrent use.
type Store struct {
	path string
	w    *sql.DB // one connection: every write
	r    *sql.DB // read-only connections

	insArticle *sql.Stmt
	selSeq     *sql.Stmt
	insSource  *sql.Stmt
	insRaw     *sql.Stmt

	closeOnce sync.Once
	closeErr  error
}

var _ store.Store = (*Store)(nil)

// Open opens the store in the file at path, creating the file and its
// directory if they do not exist, and brings its schema up to date. It
// fails with an error wrapping article.ErrCorrupt when path is not a SQLite
// database, is a SQLite database that parallax did not make, or was written
// by a newer parallax.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	o := opts // a copy: EnsureDefaults must not change the caller's
	o.EnsureDefaults()
	if err := o.Validate(); err != nil {
		return nil, fmt.Errorf("sqlite open %s: %w", path, err)
	}
	if path == "" {
		return nil, fmt.Errorf("sqlite open: empty path: %w", article.ErrInvalid)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("sqlite open %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("sqlite open %s: %w", path, err)
	}
	if err := checkHeader(abs); err != nil {
		return nil, fmt.Errorf("sqlite open %s: %w", path, err)
	}
	s := &Store{path: abs}
	if err := s.open(ctx, &o); err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlite open %s: %w", path, classify(ctx, err))
	}
	return s, nil
}

func (s *Store) open(ctx context.Context, o *Options) error {
	busy := "busy_timeout(" + strconv.FormatInt(o.BusyTimeout.Milliseconds(), 10) + ")"
	var err error
	s.w, err = sql.Open("sqlite", dsn(s.path, url.Values{
		"_pragma": {busy, "foreign_keys(1)", "journal_mode(WAL)", "synchronous(NORMAL)",
			"journal_size_limit(67108864)"},
		"_txlock": {"immediate"}, // take the write lock at BEGIN, not at the first write
	}))
	if err != nil {
		return err
	}
	s.w.SetMaxOpenConns(1)
	s.w.SetMaxIdleConns(1)
	if err := s.w.PingContext(ctx); err != nil {
		return err
	}
	if err := checkOurs(ctx, s.w); err != nil {
		return err
	}
	if _, err := migrate.Up(ctx, s.w, migrations, "migrations"); err != nil {
		return err
	}
	s.r, err = sql.Open("sqlite", dsn(s.path, url.Values{
		"_pragma": {busy, "foreign_keys(1)", "query_only(1)"},
	}))
	if err != nil {
		return err
	}
	s.r.SetMaxIdleConns(o.ReadConns)
	if err := s.r.PingContext(ctx); err != nil {
		return err
	}
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&s.insArticle, `INSERT INTO articles (id, source, url, outlet, title, byline, published,
			language, format, extractor, ingested, text_size, text, boilerplate, modified, provenance)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO NOTHING
			RETURNING seq, ingested`},
		{&s.selSeq, `SELECT seq, ingested FROM articles WHERE id = ?`},
		{&s.insSource, `INSERT INTO sources (article_id, source, first_seen) VALUES (?, ?, ?)
			ON CONFLICT (article_id, source) DO NOTHING`},
		{&s.insRaw, `INSERT INTO raws (article_id, media_type, raw_size, data) VALUES (?, ?, ?, ?)`},
	} {
		if *p.stmt, err = s.w.PrepareContext(ctx, p.sql); err != nil {
			return err
		}
	}
	return nil
}

// dsn returns the modernc.org/sqlite data source name for the file at the
// absolute path abs. A file: URI keeps '?' and '#' in the path from being
// read as its query or fragment.
func dsn(abs string, q url.Values) string {
	u := url.URL{Path: filepath.ToSlash(abs)}
	return "file:" + u.EscapedPath() + "?" + q.Encode()
}

// sqliteHeader starts every SQLite database file.
const sqliteHeader = "SQLite format 3\x00"

// checkHeader fails with ErrCorrupt when the file at path exists, is not
// empty, and is not a SQLite database. SQLite itself would find out only at
// the first statement, with a less helpful message.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	var hdr [len(sqliteHeader)]byte
	n, err := io.ReadFull(f, hdr[:])
	switch {
	case n == 0 && err == io.EOF:
		return nil // empty: SQLite makes a new database in it
	case err != nil && err != io.ErrUnexpectedEOF:
		return err
	case string(hdr[:n]) != sqliteHeader:
		return fmt.Errorf("not a SQLite database: %w", article.ErrCorrupt)
	}
	return nil
}

// checkOurs fails with ErrCorrupt when db holds tables but no parallax
// schema: it belongs to some other program, and migrating it would mix our
// tables into its data.
func checkOurs(ctx context.Context, db *sql.DB) error {
	v, err := migrate.Version(ctx, db)
	if err != nil || v > 0 {
		return err
	}
	var n int
	err = db.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master
		WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> 'schema_migrations'`).Scan(&n)
	if err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("a SQLite database with %d objects but no parallax schema: %w", n, article.ErrCorrupt)
	}
	return nil
}

// Path returns the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// Close closes the store. Calls after the first do nothing and return its
// result.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		var errs []error
		for _, st := range []*sql.Stmt{s.insArticle, s.selSeq, s.insSource, s.insRaw} {
			if st != nil {
				errs = append(errs, st.Close())
			}
		}
		if s.r != nil {
			errs = append(errs, s.r.Close())
		}
		if s.w != nil {
			errs = append(errs, s.w.Close())
		}
		if err := errors.Join(errs...); err != nil {
			s.closeErr = fmt.Errorf("sqlite close %s: %w", s.path, err)
		}
	})
	return s.closeErr
}

// timeLayout is RFC 3339 with a fixed nine fractional digits: in UTC, text
// order is time order, which it is not with time.RFC3339Nano ("…00Z" sorts
// after "…00.5Z").
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad time %q: %w", s, article.ErrCorrupt)
	}
	return t.UTC(), nil
}

// checkID fails with ErrInvalid unless id is a full article ID: 64
// lower-case hex digits.
func checkID(id string) error {
	if len(id) != 64 || !isHex(id) {
		return fmt.Errorf("article ID %q is not 64 lower-case hex digits: %w", id, article.ErrInvalid)
	}
	return nil
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func checkArticle(a *article.Article) error {
	if a == nil {
		return fmt.Errorf("nil article: %w", article.ErrInvalid)
	}
	if err := checkID(a.ID); err != nil {
		return err
	}
	if a.Source == "" {
		return fmt.Errorf("empty source: %w", article.ErrInvalid)
	}
	for name, t := range map[string]time.Time{"published": a.Published, "modified": a.Modified} {
		if !t.IsZero() {
			if y := t.UTC().Year(); y < 1 || y > 9999 {
				return fmt.Errorf("%s year %d out of range: %w", name, y, article.ErrInvalid)
			}
		}
	}
	if !utf8.ValidString(a.Text) {
		return fmt.Errorf("text is not valid UTF-8: %w", article.ErrInvalid)
	}
	for _, b := range a.Boilerplate {
		if !utf8.ValidString(b) {
			return fmt.Errorf("boilerplate is not valid UTF-8: %w", article.ErrInvalid)
		}
	}
	return nil
}

// flaters recycles DEFLATE writers: each holds about 1 MB of state, too
// much to allocate per article.
var flaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed) // cannot fail at a valid level
	return w
}}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// compress DEFLATEs data into buf.
func compress(buf *bytes.Buffer, data []byte) error {
	fw := flaters.Get().(*flate.Writer)
	defer flaters.Put(fw)
	fw.Reset(buf)
	if _, err := fw.Write(data); err != nil {
		return err
	}
	return fw.Close()
}

// maxRaw bounds the size Raw believes a stored raw_size, so a corrupted
// size cannot make it allocate without limit.
const maxRaw = 1 << 31

func decompress(data []byte, size int64) ([]byte, error) {
	if size < 0 || size > maxRaw {
		return nil, fmt.Errorf("raw size %d: %w", size, article.ErrCorrupt)
	}
	fr := flate.NewReader(bytes.NewReader(data))
	defer fr.Close()
	out := make([]byte, 0, size)
	buf := bytes.NewBuffer(out)
	n, err := buf.ReadFrom(io.LimitReader(fr, size+1))
	if err != nil {
		return nil, fmt.Errorf("raw data: %w: %w", article.ErrCorrupt, err)
	}
	if n != size {
		return nil, fmt.Errorf("raw data is %d bytes, want %d: %w", n, size, article.ErrCorrupt)
	}
	return buf.Bytes(), nil
}

func encodeBoilerplate(b []string) (any, error) {
	if len(b) == 0 {
		return nil, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return nil, err
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

// Put implements store.Store.
func (s *Store) Put(ctx context.Context, a *article.Article, raw *article.Raw) (created bool, err error) {
	if a == nil {
		return false, fmt.Errorf("sqlite put: nil article: %w", article.ErrInvalid)
	}
	c, err := s.PutBatch(ctx, []store.Item{{Article: a, Raw: raw}})
	if err != nil {
		return false, err
	}
	return c[0], nil
}

// PutBatch implements store.Store: one transaction for the whole batch, so
// that a commit (the costly part of a write) is shared by many articles.
func (s *Store) PutBatch(ctx context.Context, items []store.Item) (created []bool, err error) {
	for _, it := range items {
		if err := checkArticle(it.Article); err != nil {
			return nil, fmt.Errorf("sqlite put: %w", err)
		}
	}
	if len(items) == 0 {
		return nil, nil
	}
	defer func() {
		if err != nil {
			err = fmt.Errorf("sqlite put %s: %w", article.Short(items[0].Article.ID), classify(ctx, err))
			if len(items) > 1 {
				err = fmt.Errorf("batch of %d: %w", len(items), err)
			}
		}
	}()
	type prepared struct {
		bp, published, modified, provenance any
		data                                *bytes.Buffer
	}
	// Encode and compress before taking the write lock, so that concurrent
	// Puts compress in parallel; a duplicate wastes the work, which is rarer.
	preps := make([]prepared, len(items))
	for i, it := range items {
		p := &preps[i]
		if p.bp, err = encodeBoilerplate(it.Article.Boilerplate); err != nil {
			return nil, err
		}
		if !it.Article.Published.IsZero() {
			p.published = formatTime(it.Article.Published)
		}
		if !it.Article.Modified.IsZero() {
			p.modified = formatTime(it.Article.Modified)
		}
		if len(it.Article.Provenance) > 0 {
			b, err := json.Marshal(it.Article.Provenance)
			if err != nil {
				return nil, err
			}
			p.provenance = string(b)
		}
		if it.Raw != nil {
			p.data = buffers.Get().(*bytes.Buffer)
			p.data.Reset()
			defer buffers.Put(p.data)
			if err := compress(p.data, it.Raw.Data); err != nil {
				return nil, err
			}
		}
	}
	now := formatTime(time.Now())

	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() // a no-op after Commit

	// The statements run under a context that is never canceled, because
	// for a cancellable one modernc.org/sqlite starts a goroutine per
	// statement to watch it: a tenth of Put's time. Cancellation still
	// works between statements: database/sql rolls tx back once ctx is
	// done, and Commit then fails.
	sctx := context.WithoutCancel(ctx)
	insArticle := tx.StmtContext(sctx, s.insArticle)
	selSeq := tx.StmtContext(sctx, s.selSeq)
	insSource := tx.StmtContext(sctx, s.insSource)
	insRaw := tx.StmtContext(sctx, s.insRaw)
	created = make([]bool, len(items))
	seqs := make([]int64, len(items))
	ings := make([]time.Time, len(items))
	for i, it := range items {
		a, p := it.Article, &preps[i]
		var ingested string
		created[i] = true
		err = insArticle.QueryRowContext(sctx,
			a.ID, a.Source, a.URL, a.Outlet, a.Title, a.Byline, p.published,
			a.Language, string(a.Format), a.Extractor, now, len(a.Text), a.Text, p.bp,
			p.modified, p.provenance,
		).Scan(&seqs[i], &ingested)
		if errors.Is(err, sql.ErrNoRows) { // already stored
			created[i] = false
			err = selSeq.QueryRowContext(sctx, a.ID).Scan(&seqs[i], &ingested)
		}
		if err != nil {
			return nil, err
		}
		if _, err := insSource.ExecContext(sctx, a.ID, a.Source, now); err != nil {
			return nil, err
		}
		if created[i] && it.Raw != nil {
			if _, err := insRaw.ExecContext(sctx, a.ID, it.Raw.MediaType, len(it.Raw.Data), p.data.Bytes()); err != nil {
				return nil, err
			}
		}
		if ings[i], err = parseTime(ingested); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	for i, it := range items {
		it.Article.Seq, it.Article.Ingested = seqs[i], ings[i]
	}
	return created, nil
}

// The columns scanArticle reads, in its order; textColumns follow when
// the text is wanted.
const (
	metaColumns = `seq, id, source, url, outlet, title, byline, published, language, format, extractor, ingested, modified, provenance`
	textColumns = `, text, boilerplate`
)

func scanArticle(rows *sql.Rows, withText bool) (*article.Article, error) {
	var (
		a           article.Article
		format      string
		published   sql.NullString
		ingested    string
		boilerplate sql.NullString
		modified    sql.NullString
		provenance  sql.NullString
		dest        = []any{&a.Seq, &a.ID, &a.Source, &a.URL, &a.Outlet, &a.Title, &a.Byline, &published, &a.Language, &format, &a.Extractor, &ingested, &modified, &provenance}
		err         error
	)
	if withText {
		dest = append(dest, &a.Text, &boilerplate)
	}
	if err := rows.Scan(dest...); err != nil {
		return nil, err
	}
	a.Format = article.Format(format)
	if published.Valid {
		if a.Published, err = parseTime(published.String); err != nil {
			return nil, err
		}
	}
	if a.Ingested, err = parseTime(ingested); err != nil {
		return nil, err
	}
	if modified.Valid {
		if a.Modified, err = parseTime(modified.String); err != nil {
			return nil, err
		}
	}
	if provenance.Valid {
		if err := json.Unmarshal([]byte(provenance.String), &a.Provenance); err != nil {
			return nil, fmt.Errorf("provenance: %w: %w", article.ErrCorrupt, err)
		}
	}
	if boilerplate.Valid {
		if err := json.Unmarshal([]byte(boilerplate.String), &a.Boilerplate); err != nil {
			return nil, fmt.Errorf("boilerplate: %w: %w", article.ErrCorrupt, err)
		}
	}
	return &a, nil
}

// Get implements store.Store. It accepts a full ID or a prefix of at least 4
// hex digits, in either case, and fails with article.ErrInvalid on anything
// else.
func (s *Store) Get(ctx context.Context, id string) (a *article.Article, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("sqlite get %q: %w", id, classify(ctx, err))
		}
	}()
	p := strings.ToLower(id)
	if len(p) < 4 || len(p) > 64 || !isHex(p) {
		return nil, fmt.Errorf("want 4 to 64 hex digits: %w", article.ErrInvalid)
	}
	const q = `SELECT ` + metaColumns + textColumns + ` FROM articles `
	var rows *sql.Rows
	if len(p) == 64 {
		rows, err = s.r.QueryContext(ctx, q+`WHERE id = ?`, p)
	} else {
		// Every ID with prefix p lies in [p, p+"g"): 'g' follows every hex
		// digit. Unlike LIKE, the range always uses the index.
		rows, err = s.r.QueryContext(ctx, q+`WHERE id >= ? AND id < ? ORDER BY id LIMIT 2`, p, p+"g")
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var found []*article.Article
	for rows.Next() {
		a, err := scanArticle(rows, true)
		if err != nil {
			return nil, err
		}
		found = append(found, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	switch len(found) {
	case 0:
		return nil, article.ErrNotFound
	case 1:
		return found[0], nil
	}
	return nil, fmt.Errorf("%s and %s: %w", article.Short(found[0].ID), article.Short(found[1].ID), article.ErrAmbiguous)
}

// Raw implements store.Store. It fails with article.ErrInvalid when id is
// not a full ID.
func (s *Store) Raw(ctx context.Context, id string) (raw *article.Raw, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("sqlite raw %q: %w", id, classify(ctx, err))
		}
	}()
	if err := checkID(id); err != nil {
		return nil, err
	}
	var (
		r    article.Raw
		size int64
		data []byte
	)
	err = s.r.QueryRowContext(ctx, `SELECT media_type, raw_size, data FROM raws WHERE article_id = ?`, id).
		Scan(&r.MediaType, &size, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, article.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if r.Data, err = decompress(data, size); err != nil {
		return nil, err
	}
	return &r, nil
}

// Sources implements store.Store. It fails with article.ErrNotFound when no
// article has the ID id, and with article.ErrInvalid when id is not a full
// ID.
func (s *Store) Sources(ctx context.Context, id string) (srcs []string, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("sqlite sources %q: %w", id, classify(ctx, err))
		}
	}()
	if err := checkID(id); err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT source FROM sources WHERE article_id = ? ORDER BY rowid`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var src string
		if err := rows.Scan(&src); err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(srcs) == 0 { // every stored article has a source
		return nil, article.ErrNotFound
	}
	return srcs, nil
}

// List implements store.Store. Rows stream from one read transaction, so the
// listing is a consistent snapshot; a long listing during a large ingest
// keeps the write-ahead log from being reset until it ends.
func (s *Store) List(ctx context.Context, q store.Query) iter.Seq2[*article.Article, error] {
	var sb strings.Builder
	sb.WriteString(`SELECT ` + metaColumns)
	if q.WithText {
		sb.WriteString(textColumns)
	}
	sb.WriteString(` FROM articles WHERE seq > ?`)
	args := []any{q.After}
	if q.Outlet != "" {
		sb.WriteString(` AND outlet = ?`)
		args = append(args, q.Outlet)
	}
	sb.WriteString(` ORDER BY seq`)
	if q.Limit > 0 {
		sb.WriteString(` LIMIT ?`)
		args = append(args, q.Limit)
	}
	query := sb.String()
	return func(yield func(*article.Article, error) bool) {
		fail := func(err error) { yield(nil, fmt.Errorf("sqlite list: %w", classify(ctx, err))) }
		rows, err := s.r.QueryContext(ctx, query, args...)
		if err != nil {
			fail(err)
			return
		}
		defer rows.Close()
		for rows.Next() {
			if err := ctx.Err(); err != nil {
				fail(err)
				return
			}
			a, err := scanArticle(rows, q.WithText)
			if err != nil {
				fail(err)
				return
			}
			if !yield(a, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			fail(err)
		}
	}
}

// Stats implements store.Store. It reads one snapshot; its cost grows with
// the number of articles (not with their size).
func (s *Store) Stats(ctx context.Context) (st store.Stats, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("sqlite stats: %w", classify(ctx, err))
		}
	}()
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return st, err
	}
	defer tx.Rollback()
	var first, last sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(text_size), 0), COUNT(published),
		MIN(published), MAX(published) FROM articles`).
		Scan(&st.Articles, &st.TextBytes, &st.WithPublished, &first, &last)
	if err != nil {
		return st, err
	}
	if first.Valid {
		if st.FirstPublished, err = parseTime(first.String); err != nil {
			return st, err
		}
		if st.LastPublished, err = parseTime(last.String); err != nil {
			return st, err
		}
	}
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sources`).Scan(&st.Sources); err != nil {
		return st, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(raw_size), 0) FROM raws`).Scan(&st.RawBytes); err != nil {
		return st, err
	}
	if st.Outlets, err = counts(ctx, tx, `SELECT outlet, COUNT(*) FROM articles GROUP BY outlet`); err != nil {
		return st, err
	}
	if st.Formats, err = counts(ctx, tx, `SELECT format, COUNT(*) FROM articles GROUP BY format`); err != nil {
		return st, err
	}
	if st.SchemaVersion, err = migrate.Version(ctx, tx); err != nil {
		return st, err
	}
	return st, nil
}

func counts(ctx context.Context, tx *sql.Tx, query string) (map[string]int64, error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]int64{}
	for rows.Next() {
		var k string
		var n int64
		if err := rows.Scan(&k, &n); err != nil {
			return nil, err
		}
		m[k] = n
	}
	return m, rows.Err()
}

// classify adds to err the error kind callers branch on: the context's
// error when ctx is done (SQLite reports an interrupted statement in its own
// words, database/sql a transaction it rolled back as sql.ErrTxDone), else
// ErrCorrupt, ErrTransient or ErrTooLarge for the SQLite result codes that
// mean them.
func classify(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) && !isKind(err) {
		return fmt.Errorf("%w: %w", cerr, err)
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff { // the primary result code
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("%w: %w", article.ErrCorrupt, err)
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fmt.Errorf("%w: %w", article.ErrTransient, err)
	case sqlite3.SQLITE_TOOBIG:
		return fmt.Errorf("%w: %w", article.ErrTooLarge, err)
	}
	return err
}

// isKind reports whether err already says what kind of failure it is.
func isKind(err error) bool {
	for _, k := range []error{article.ErrInvalid, article.ErrNotFound, article.ErrAmbiguous, article.ErrCorrupt} {
		if errors.Is(err, k) {
			return true
		}
	}
	return false
}

// SchemaVersion returns the schema version this build writes: the number of
// the newest embedded migration.
func SchemaVersion() int {
	ms, err := migrate.Load(migrations, "migrations")
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].Version
}
