package migrate_test

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"testing/fstest"

	_ "modernc.org/sqlite"

	"github.com/parallax-news/parallax/internal/store/migrate"
)

func ExampleUp() {
	// A store embeds its migrations with go:embed; a MapFS stands in here.
	migrations := fstest.MapFS{
		"migrations/0001_init.sql":   {Data: []byte(`CREATE TABLE notes (body TEXT NOT NULL);`)},
		"migrations/0002_author.sql": {Data: []byte(`ALTER TABLE notes ADD COLUMN author TEXT;`)},
	}
	dir, err := os.MkdirTemp("", "migrate-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, err := sql.Open("sqlite", filepath.Join(dir, "example.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	ctx := context.Background()
	for range 2 { // the second run finds nothing to do
		v, err := migrate.Up(ctx, db, migrations, "migrations")
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("schema version", v)
	}
	// Output:
	// schema version 2
	// schema version 2
}
