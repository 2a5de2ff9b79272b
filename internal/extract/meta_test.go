package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestCleanByline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"By Jane Doe", "Jane Doe"},
		{"Von Anna Muster, 01.02.2024", "Anna Muster"},
		{"Auteur : Jean Dupont", "Jean Dupont"},
		{"Autor\nMax Mustermann", "Max Mustermann"},
		{"Erstellt von Andri Bryner", "Andri Bryner"},
		{"jane am 29.12.2010, 13:36 Uhr", "jane"},
		{"Bo2man", "Bo2man"},
		{"Steffi 1009 Artikel", "Steffi"},
		{"Jane Doe | Staff writer", "Jane Doe"},
		{"By", ""},
	}
	for _, tt := range tests {
		if got := cleanByline(tt.in); got != tt.want {
			t.Errorf("cleanByline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOrgName(t *testing.T) {
	tests := []struct {
		author, outlet, url string
		want                bool
	}{
		{"Example News", "Example News", "", true},
		{"example.de", "", "", true},
		{"Examplenews", "", "https://www.examplenews.com/a", true},
		{"Jane Doe", "Example News", "https://www.examplenews.com/a", false},
		{"T. V. Raman", "", "", false},
	}
	for _, tt := range tests {
		if got := orgName(tt.author, tt.outlet, tt.url); got != tt.want {
			t.Errorf("orgName(%q, %q, %q) = %v, want %v", tt.author, tt.outlet, tt.url, got, tt.want)
		}
	}
}

func TestTextDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // YYYY-MM-DD, "" for none
	}{
		{"Published 3 March 2003", "2003-03-03"},
		{"Erstellt am: 01.11.2023", "2023-11-01"},
		{"1. Mai 2024, 10:00 Uhr", "2024-05-01"},
		{"Updated Nov 20, 2019 01:41 PM", "2019-11-20"},
		{"4 de mayo de 2022", "2022-05-04"},
		{"2024-02-30", ""},
		{"room 12.13.2020", ""},
		{"no date here 1999", ""},
		{"Stand: 28.04.2020 18:00 Uhr, aktualisiert 2020-04-29", "2020-04-28"},
	}
	for _, tt := range tests {
		got := ""
		if d, ok := textDate(tt.in); ok {
			got = d.Format("2006-01-02")
		}
		if got != tt.want {
			t.Errorf("textDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestURLDate(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.com/2024/05/01/story":   "2024-05-01",
		"https://example.com/news/2019-11-18-x":  "2019-11-18",
		"https://example.com/2024/13/01/story":   "",
		"https://example.com/archive/20240501/x": "",
	} {
		got := ""
		if d, ok := urlDate(in); ok {
			got = d.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("urlDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCleanTitle(t *testing.T) {
	for _, tt := range []struct{ in, site, want string }{
		{"Port strike enters third week | The Harbour Times", "The Harbour Times", "Port strike enters third week"},
		{"Port strike enters third week - Harbour", "", "Port strike enters third week"},
		{"The Harbour Times | Port strike enters third week", "The Harbour Times", "Port strike enters third week"},
		{"Left - right - centre", "", "Left - right - centre"},
	} {
		if got := cleanTitle(tt.in, tt.site); got != tt.want {
			t.Errorf("cleanTitle(%q, %q) = %q, want %q", tt.in, tt.site, got, tt.want)
		}
	}
}

// TestMetadataProvenance checks that each field records where it came
// from, in the documented order of trust.
func TestMetadataProvenance(t *testing.T) {
	body := `<html lang="de"><head><title>Hafen streikt | Hafenblatt</title>
<meta property="og:site_name" content="Hafenblatt">
<meta property="article:modified_time" content="2024-05-15T09:00:00+02:00">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Hafen streikt weiter","datePublished":"2024-05-14T07:45:00+02:00","author":{"@type":"Person","name":"Maria Okafor"}}</script>
</head><body><article><h1>Hafen streikt weiter</h1>` + strings.Repeat("<p>Die Hafenarbeiter bleiben auch in der dritten Woche im Ausstand, sagten Gewerkschafter am Dienstag, nachdem die Gespräche ergebnislos endeten.</p>", 4) + `</article></body></html>`
	p, err := HTML([]byte(body), "", "https://www.hafenblatt.example/2024/05/14/hafen")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Title": "meta", "Byline": "json-ld", "Outlet": "meta", "Language": "html-lang", "Published": "json-ld", "Modified": "meta"}
	want["Title"] = "json-ld"
	if diff := cmp.Diff(want, p.Sources); diff != "" {
		t.Errorf("Sources (-want +got):\n%s", diff)
	}
	if got := p.Published.Format(time.RFC3339); got != "2024-05-14T07:45:00+02:00" {
		t.Errorf("Published = %s", got)
	}
	if got := p.Modified.Format(time.RFC3339); got != "2024-05-15T09:00:00+02:00" {
		t.Errorf("Modified = %s", got)
	}
	if p.Title != "Hafen streikt weiter" || p.Byline != "Maria Okafor" || p.Outlet != "Hafenblatt" {
		t.Errorf("Title, Byline, Outlet = %q, %q, %q", p.Title, p.Byline, p.Outlet)
	}
}

func TestDatelineAndZone(t *testing.T) {
	story := strings.Repeat("<p>Die Hafenarbeiter bleiben auch in der dritten Woche im Ausstand, sagten Gewerkschafter am Dienstag, nachdem die Gespräche ergebnislos endeten.</p>", 4)
	t.Run("visible dateline beside the headline wins", func(t *testing.T) {
		body := `<head><meta property="article:published_time" content="2024-05-10T10:00:00+02:00"><title>Hafen streikt</title></head><body><article><h1>Hafen streikt</h1><p class="date">14.05.2024, 07:45 Uhr</p>` + story + `</article></body>`
		p, err := HTML([]byte(body), "", "")
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Published.Format("2006-01-02"); got != "2024-05-14" || p.Sources["Published"] != "dateline" {
			t.Errorf("Published = %s from %s, want 2024-05-14 from dateline", got, p.Sources["Published"])
		}
		if strings.Contains(p.Text, "07:45 Uhr") {
			t.Errorf("dateline left in Text: %q", p.Text)
		}
	})
	t.Run("UTC time read in the outlet's zone", func(t *testing.T) {
		body := `<head><meta property="article:published_time" content="2024-01-14T23:30:00Z"></head><body><article>` + story + `</article></body>`
		p, err := HTML([]byte(body), "", "https://www.hafenblatt.de/a")
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Published.Format("2006-01-02"); got != "2024-01-15" {
			t.Errorf("Published day = %s, want 2024-01-15 (Berlin)", got)
		}
	})
}

func TestDetectLanguage(t *testing.T) {
	for text, want := range map[string]string{
		"Die Hafenarbeiter bleiben auch in der dritten Woche im Ausstand, sagten Gewerkschafter am Dienstag, nachdem die Gespräche ergebnislos endeten.":   "de",
		"Dock workers will stay off the job for a third week after overnight talks with the port authority ended without agreement, union officials said.": "en",
		"Short.": "",
	} {
		if got := detectLanguage(text); got != want {
			t.Errorf("detectLanguage(%.30q) = %q, want %q", text, got, want)
		}
	}
}

// TestDataFiles checks that every embedded data file names its source and
// licence and loads into non-empty tables.
func TestDataFiles(t *testing.T) {
	for name, data := range map[string]string{"hints": hintsData, "furniture": furnitureData, "byline": bylineData, "months": monthsData, "zones": zonesData} {
		if !strings.Contains(data, "# Source:") || !strings.Contains(data, "Licence:") {
			t.Errorf("data/%s.txt lacks a Source or Licence header", name)
		}
	}
	if len(hints.unlikely) == 0 || len(hints.maybe) == 0 || len(hints.positive) == 0 || len(hints.negative) == 0 || len(hints.role) == 0 || len(hints.invisible) == 0 || len(hints.popup) == 0 {
		t.Errorf("hints has an empty section: %+v", hints)
	}
	if len(furniturePhrases) == 0 || len(bylinePrefixes) == 0 || len(months) < 12*3 || len(zones()) < 20 {
		t.Errorf("tables: %d furniture, %d byline, %d months, %d zones", len(furniturePhrases), len(bylinePrefixes), len(months), len(zones()))
	}
}
