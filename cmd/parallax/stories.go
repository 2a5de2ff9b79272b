package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/story"
)

// loadStories groups every stored article into stories. It reads all the
// texts: stories are not yet kept in the store.
func loadStories(ctx context.Context, st store.Store) ([]story.Story, map[string]*article.Article, error) {
	var arts []*article.Article
	byID := map[string]*article.Article{}
	for a, err := range st.List(ctx, store.Query{WithText: true}) {
		if err != nil {
			return nil, nil, err
		}
		arts = append(arts, a)
		byID[a.ID] = a
	}
	return story.Group(arts, story.Options{}), byID, nil
}

func runStories(ctx context.Context, e *env, args []string) int {
	fs := flagSet(e, "stories", "", `Groups the stored articles into stories (articles that tell the same story,
taken in publication order) and lists them with their articles, outlets,
dates and copies: an article marked "copy of" repeats most of an earlier one.
With --json, one JSON object per story per line.`)
	storePath := storeFlag(fs)
	asJSON := jsonFlag(fs)
	if code := parseNoArgs(fs, e, args); code >= 0 {
		return code
	}
	st, err := openExisting(ctx, e, *storePath)
	if err != nil {
		return storeFailed(e, err)
	}
	defer st.Close()
	stories, _, err := loadStories(ctx, st)
	if err != nil {
		writeErr(e.stderr, "stories: %v", err)
		return exitSystem
	}
	enc := json.NewEncoder(e.stdout)
	for i, s := range stories {
		if *asJSON {
			_ = enc.Encode(s)
			continue
		}
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		writeStory(e.stdout, s)
	}
	if len(stories) == 0 && !*asJSON {
		fmt.Fprintln(e.stderr, "parallax: stories: the store holds no articles; add some with parallax ingest")
	}
	return exitOK
}

func runStory(ctx context.Context, e *env, args []string) int {
	fs := flagSet(e, "story", "ID", `Shows one story (ID or a unique prefix, from parallax stories): its articles,
and for each copy the passages it shares with the earlier article.`)
	storePath := storeFlag(fs)
	asJSON := jsonFlag(fs)
	rest, code := parse(fs, e, args)
	if code >= 0 {
		return code
	}
	if len(rest) != 1 {
		writeErr(e.stderr, "story: give one story ID (see parallax stories)")
		return exitUsage
	}
	st, err := openExisting(ctx, e, *storePath)
	if err != nil {
		return storeFailed(e, err)
	}
	defer st.Close()
	stories, byID, err := loadStories(ctx, st)
	if err != nil {
		writeErr(e.stderr, "story: %v", err)
		return exitSystem
	}
	var found []story.Story
	for _, s := range stories {
		if strings.HasPrefix(s.ID, rest[0]) {
			found = append(found, s)
		}
	}
	switch {
	case len(found) == 0:
		writeErr(e.stderr, "story: no story %q", rest[0])
		return exitNotFound
	case len(found) > 1:
		writeErr(e.stderr, "story: %q matches %d stories; give more of the ID", rest[0], len(found))
		return exitUsage
	}
	s := found[0]
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(s)
		return exitOK
	}
	writeStory(e.stdout, s)
	for _, c := range s.Copies {
		fmt.Fprintf(e.stdout, "\n%s copies %s (%.0f%% of the smaller text):\n", shortID(c.LaterID), shortID(c.EarlierID), 100*c.Containment)
		for _, sp := range c.SharedLater {
			fmt.Fprintf(e.stdout, "  | %s\n", clip(sp.In(byID[c.LaterID].Text), 160))
		}
	}
	return exitOK
}

func writeStory(w io.Writer, s story.Story) {
	dates := "undated"
	if !s.First.IsZero() {
		dates = s.First.Format(time.DateOnly)
		if !s.Last.Equal(s.First) {
			dates += " to " + s.Last.Format(time.DateOnly)
		}
	}
	fmt.Fprintf(w, "story %s  %s\n", s.ID, clip(s.Headline, 100))
	fmt.Fprintf(w, "  %s; %d articles, %d outlets, %d copies; terms: %s\n", dates, len(s.Articles), len(s.Outlets), len(s.Copies), strings.Join(s.Terms, ", "))
	for _, m := range s.Articles {
		pub := "-"
		if !m.Published.IsZero() {
			pub = m.Published.Format(time.DateOnly)
		}
		note := ""
		if m.CopyOf != "" {
			note = "  [copy of " + shortID(m.CopyOf) + "]"
		}
		title := m.Title
		if title == "" {
			title = "(untitled)"
		}
		fmt.Fprintf(w, "  %s  %-10s  %-20s  %s%s\n", shortID(m.ID), pub, clip(orDash(m.Outlet), 20), clip(title, 60), note)
	}
}
