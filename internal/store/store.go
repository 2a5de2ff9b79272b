// Package store defines the narrow interface through which parallax keeps
// articles. Implementations live in sub-packages (sqlite, later postgres) and
// all pass the contract suite in storetest.
package store

import (
	"context"
	"iter"
	"time"

	"github.com/parallax-news/parallax/internal/article"
)

// Store keeps articles. Implementations are safe for concurrent use.
type Store interface {
	// Put stores a, with its raw input when raw is non-nil, in one
	// transaction. If an article with a.ID is already stored, Put stores
	// nothing new except recording a.Source as a further source of it, and
	// returns created == false. On success a.Seq and a.Ingested are set from
	// the stored article.
	Put(ctx context.Context, a *article.Article, raw *article.Raw) (created bool, err error)

	// PutBatch stores items in one transaction: all of them, or on error
	// none. Each item behaves as a Put in order (an ID repeated within the
	// batch is created once, and its later sources recorded); created[i] is
	// what Put would return for items[i]. Seq and Ingested are set on every
	// item's article only when the batch is stored.
	PutBatch(ctx context.Context, items []Item) (created []bool, err error)

	// Get returns the article whose ID is id or starts with id (at least 4
	// characters). It fails with article.ErrNotFound, or with
	// article.ErrAmbiguous when a prefix matches more than one article.
	Get(ctx context.Context, id string) (*article.Article, error)

	// Raw returns the raw input stored for the article with the full ID id,
	// or article.ErrNotFound.
	Raw(ctx context.Context, id string) (*article.Raw, error)

	// Sources returns every source the article with full ID id was read
	// from, in the order they were first seen.
	Sources(ctx context.Context, id string) ([]string, error)

	// List yields stored articles in ingestion order (Seq), filtered by q.
	// Listed articles carry no Text or Boilerplate unless q.WithText.
	List(ctx context.Context, q Query) iter.Seq2[*article.Article, error]

	// Stats summarizes what is stored.
	Stats(ctx context.Context) (Stats, error)

	// Close releases the store.
	Close() error
}

// Item is one article with its raw input (nil when none), for PutBatch.
type Item struct {
	Article *article.Article
	Raw     *article.Raw
}

// Query filters List.
type Query struct {
	Outlet   string // only this outlet, when non-empty
	After    int64  // only articles with Seq > After
	Limit    int    // at most this many, when > 0
	WithText bool   // fill Text and Boilerplate
}

// Stats summarizes a store.
type Stats struct {
	Articles  int64            `json:"articles"`
	Sources   int64            `json:"sources"`    // distinct sources recorded (>= Articles)
	TextBytes int64            `json:"text_bytes"` // total bytes of normalized text
	RawBytes  int64            `json:"raw_bytes"`  // total bytes of raw input kept
	Outlets   map[string]int64 `json:"outlets"`    // articles per outlet ("" = unknown)
	Formats   map[string]int64 `json:"formats"`    // articles per input format
	// FirstPublished and LastPublished bound the known publication times;
	// zero when no article has one.
	FirstPublished time.Time `json:"first_published,omitzero"`
	LastPublished  time.Time `json:"last_published,omitzero"`
	WithPublished  int64     `json:"with_published"`
	SchemaVersion  int       `json:"schema_version"`
}
