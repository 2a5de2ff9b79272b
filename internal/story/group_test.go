package story

import (
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/article"
)

func art(seq int64, outlet, title, text string, pub time.Time) *article.Article {
	return &article.Article{ID: article.HashText(text), Seq: seq, Outlet: outlet, Title: title, Text: text, Published: pub}
}

func TestGroup(t *testing.T) {
	day := time.Date(2024, 6, 1, 8, 0, 0, 0, time.UTC)
	base := "A magnitude 6.1 earthquake struck near Kobe on Tuesday morning, damaging buildings across the port district and cutting power to thousands of homes.\n" +
		"Officials in Hyogo prefecture said rescue teams were searching collapsed wooden houses, and that two people had been taken to hospital with injuries.\n" +
		"Rail operators suspended shinkansen services between Osaka and Okayama while engineers inspected the tracks for damage."
	otherStory := "Portugal's parliament in Lisbon postponed the vote on the 2025 budget after the Socialist group demanded changes to pension spending.\n" +
		"The finance minister said the government would present a revised plan to deputies before the end of the month."
	wire := art(2, "wire.example", "Quake hits Kobe", base, day)
	// A later copy with a new first paragraph, ingested first.
	copied := art(1, "copier.example", "", "Our correspondent reports.\n"+base, day.Add(3*time.Hour))
	unrelated := art(3, "other.example", "Budget", otherStory, day.Add(time.Hour))
	stories := Group([]*article.Article{copied, wire, unrelated}, Options{})
	if len(stories) != 2 {
		t.Fatalf("%d stories", len(stories))
	}
	quake := stories[0]
	if len(quake.Articles) != 2 || quake.Articles[0].ID != wire.ID || quake.Articles[1].ID != copied.ID {
		t.Fatalf("quake story articles %+v (want publication order)", quake.Articles)
	}
	if quake.Headline != "Quake hits Kobe" || len(quake.Outlets) != 2 || !quake.First.Equal(day) || !quake.Last.Equal(day.Add(3*time.Hour)) {
		t.Fatalf("label %+v", quake)
	}
	if quake.Articles[1].CopyOf != wire.ID || quake.Articles[0].CopyOf != "" {
		t.Fatalf("copy marks %+v", quake.Articles)
	}
	if len(quake.Copies) != 1 || quake.Copies[0].EarlierID != wire.ID || quake.Copies[0].EarlierInLater < 0.99 {
		t.Fatalf("copies %+v", quake.Copies)
	}
	c := quake.Copies[0]
	if len(c.SharedEarlier) == 0 || !strings.Contains(base, c.SharedEarlier[0].In(wire.Text)) || c.SharedLater[0].In(copied.Text) == "" {
		t.Fatalf("shared passages %+v", c)
	}
	// Stable IDs: the same articles give the same story ID.
	again := Group([]*article.Article{unrelated, wire, copied}, Options{})
	if again[0].ID != quake.ID {
		t.Fatalf("story ID changed: %s vs %s", again[0].ID, quake.ID)
	}
}
