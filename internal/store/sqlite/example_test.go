package sqlite_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/store/sqlite"
)

func Example() {
	dir, err := os.MkdirTemp("", "parallax-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()

	s, err := sqlite.Open(ctx, filepath.Join(dir, "data", "parallax.db"), sqlite.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	text := "The minister said: “We will not resign.”"
	a := &article.Article{
		ID:     article.HashText(text),
		Source: "https://example.com/news/1",
		Outlet: "example.com",
		Format: article.FormatHTML,
		Text:   text,
	}
	created, err := s.Put(ctx, a, &article.Raw{MediaType: "text/html", Data: []byte("<p>" + text + "</p>")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created:", created, "seq:", a.Seq)

	// The same text from elsewhere is the same article, with one more source.
	copied := *a
	copied.Source = "https://mirror.example/story"
	created, err = s.Put(ctx, &copied, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created:", created, "seq:", copied.Seq)

	got, err := s.Get(ctx, a.ID[:6]) // a prefix is enough when unique
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.Text)
	srcs, err := s.Sources(ctx, a.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(srcs)
	for a, err := range s.List(ctx, store.Query{Outlet: "example.com"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(a.Seq, a.Outlet, len(a.Text))
	}
	// Output:
	// created: true seq: 1
	// created: false seq: 1
	// The minister said: “We will not resign.”
	// [https://example.com/news/1 https://mirror.example/story]
	// 1 example.com 0
}

func ExampleDefaultPath() {
	env := map[string]string{"XDG_DATA_HOME": "/srv/data"}
	fmt.Println(sqlite.DefaultPath(func(k string) string { return env[k] }, "/home/ana"))
	fmt.Println(sqlite.DefaultPath(func(string) string { return "" }, "/home/ana"))
	// Output:
	// /srv/data/parallax/parallax.db
	// /home/ana/.local/share/parallax/parallax.db
}
