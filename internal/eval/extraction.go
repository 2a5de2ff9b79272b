package eval

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/internal/extract"
)

// extractTask scores main-text extraction from HTML pages, each dataset the
// way its own benchmark scores it (see the PROVENANCE.md beside the data).
func extractTask() Task {
	return Task{
		Name: "extract",
		Doc:  "HTML main text: scrapinghub-aeb 4-gram shingle P/R/F1 (page means); trafilatura-eval snippet P/R/F1 (micro) and title/author/date accuracy",
		Datasets: []Dataset{
			{Name: "article-extraction/scrapinghub-aeb", Marker: "eval/article-extraction/scrapinghub-aeb", Run: func(ctx context.Context, env Env) (Result, error) {
				return ScoreAEB(ctx, env, Parallax)
			}},
			{Name: "article-extraction/trafilatura-eval", Marker: "eval/article-extraction/trafilatura-eval", Run: func(ctx context.Context, env Env) (Result, error) {
				return ScoreTrafilaturaEval(ctx, env, Parallax)
			}},
		},
	}
}

// Extractor is what the extract task scores: main text and metadata of one
// page (date as YYYY-MM-DD, "" when unknown). The bench module scores peer
// libraries through the same functions.
type Extractor func(body []byte, url string) (text, title, author, date string)

// Parallax is parallax's own extractor as the extract task sees it.
func Parallax(body []byte, url string) (text, title, author, date string) {
	p, err := extract.HTML(body, "", url)
	if err != nil || p == nil {
		return "", "", "", "" // a failure scores as empty output, as upstream
	}
	if !p.Published.IsZero() {
		date = p.Published.Format("2006-01-02")
	}
	return p.Text, p.Title, p.Byline, date
}

func readGz(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return io.ReadAll(zr)
}

// --- scrapinghub-aeb ---

// ScoreAEB scores ex on scrapinghub-aeb as its evaluate.py does.
func ScoreAEB(ctx context.Context, env Env, ex Extractor) (Result, error) {
	dir := filepath.Join(env.Root, "eval", "article-extraction", "scrapinghub-aeb")
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return Result{}, err
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		return Result{}, fmt.Errorf("ground-truth.json: %w", err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var s aebScore
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		page, err := readGz(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return Result{}, err
		}
		text, _, _, _ := ex(page, truth[id].URL)
		s.add(truth[id].ArticleBody, text)
	}
	p, r, f := s.result()
	return Result{N: len(ids), Metrics: map[string]float64{
		"precision": p, "recall": r, "f1": f, "accuracy": s.accuracy(),
	}}, nil
}

// AEBPage is one scrapinghub-aeb page: its id, the URL it was fetched from
// and its HTML, decompressed.
type AEBPage struct {
	ID, URL string
	HTML    []byte
}

// LoadAEB reads every scrapinghub-aeb page under env.Root, sorted by id, so
// that the bench module times extractors on the pages ScoreAEB scores. The
// error wraps fs.ErrNotExist when the dataset is absent.
func LoadAEB(env Env) ([]AEBPage, error) {
	dir := filepath.Join(env.Root, "eval", "article-extraction", "scrapinghub-aeb")
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var truth map[string]struct {
		URL string `json:"url"`
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		return nil, fmt.Errorf("ground-truth.json: %w", err)
	}
	pages := make([]AEBPage, 0, len(truth))
	for id, t := range truth {
		page, err := readGz(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, err
		}
		pages = append(pages, AEBPage{ID: id, URL: t.URL, HTML: page})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	return pages, nil
}

var wordRE = regexp.MustCompile(`[\p{L}\p{M}\p{Nd}\p{Pc}]+`) // Python's Unicode \w

// aebScore accumulates the Scrapinghub benchmark's score: per page,
// multiset 4-gram shingle counts normalized so tp+fp+fn = 1; precision and
// recall are means over pages; F1 is of the means.
type aebScore struct {
	precSum, recSum float64
	precN, recN     int
	exact, pages    int
}

func shingles(text string) map[string]int {
	toks := wordRE.FindAllString(text, -1)
	out := map[string]int{}
	if len(toks) == 0 {
		return out
	}
	if len(toks) < 4 { // one shorter shingle, as upstream
		out[strings.Join(toks, "\x00")]++
		return out
	}
	for i := 0; i+4 <= len(toks); i++ {
		out[strings.Join(toks[i:i+4], "\x00")]++
	}
	return out
}

func (s *aebScore) add(truth, pred string) {
	s.pages++
	if strings.Join(wordRE.FindAllString(truth, -1), " ") == strings.Join(wordRE.FindAllString(pred, -1), " ") {
		s.exact++
	}
	ts, ps := shingles(truth), shingles(pred)
	var tp, fp, fn float64
	for k, t := range ts {
		p := ps[k]
		tp += float64(min(t, p))
		fn += float64(max(0, t-p))
	}
	for k, p := range ps {
		fp += float64(max(0, p-ts[k]))
	}
	if all := tp + fp + fn; all > 0 {
		tp, fp, fn = tp/all, fp/all, fn/all
	}
	// As upstream: a page counts in the precision mean only when tp+fp > 0
	// (an empty prediction costs recall only), in the recall mean only when
	// tp+fn > 0; a perfect page scores 1 on both.
	if tp+fp > 0 {
		s.precN++
		if fp == 0 && fn == 0 {
			s.precSum++
		} else {
			s.precSum += tp / (tp + fp)
		}
	}
	if tp+fn > 0 {
		s.recN++
		if fp == 0 && fn == 0 {
			s.recSum++
		} else {
			s.recSum += tp / (tp + fn)
		}
	}
}

func (s *aebScore) result() (p, r, f float64) {
	if s.precN > 0 {
		p = s.precSum / float64(s.precN)
	}
	if s.recN > 0 {
		r = s.recSum / float64(s.recN)
	}
	return p, r, f1(p, r)
}

func (s *aebScore) accuracy() float64 { return ratio(s.exact, s.pages) }

// --- trafilatura-eval ---

type trafEntry struct {
	File    string          `json:"file"`
	With    []string        `json:"with"`
	Without []string        `json:"without"`
	Title   string          `json:"title"`
	Author  json.RawMessage `json:"author"`
	Date    string          `json:"date"`
}

// ScoreTrafilaturaEval scores ex on trafilatura-eval as its eval_common.py
// does, plus title, author and date accuracy over the annotated pages.
func ScoreTrafilaturaEval(ctx context.Context, env Env, ex Extractor) (Result, error) {
	dir := filepath.Join(env.Root, "eval", "article-extraction", "trafilatura-eval")
	b, err := os.ReadFile(filepath.Join(dir, "evaldata.json"))
	if err != nil {
		return Result{}, err
	}
	var data map[string]trafEntry
	if err := json.Unmarshal(b, &data); err != nil {
		return Result{}, fmt.Errorf("evaldata.json: %w", err)
	}
	keys := make([]string, 0, len(data))
	for k := range data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var c PRF
	var tn int
	var title, author, date struct{ ok, n int }
	for _, k := range keys {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		e := data[k]
		page, err := readGz(filepath.Join(dir, "html", e.File))
		if err != nil {
			return Result{}, err
		}
		url := k
		if !strings.Contains(url, "://") {
			url = ""
		}
		text, t, a, d := ex(page, url)
		tp, fn, fp, n := snippets(text, e.With, e.Without)
		c = c.Add(PRF{TP: tp, FP: fp, FN: fn})
		tn += n
		if e.Title != "" {
			title.n++
			if sameMeta(t, e.Title) {
				title.ok++
			}
		}
		if gold := authorString(e.Author); gold != "" {
			author.n++
			if sameMeta(a, gold) {
				author.ok++
			}
		}
		if e.Date != "" {
			date.n++
			if d == e.Date {
				date.ok++
			}
		}
	}
	m := c.Metrics("")
	m["f1"] = ratio(2*c.TP, 2*c.TP+c.FP+c.FN)
	m["accuracy"] = ratio(c.TP+tn, c.TP+c.FP+c.FN+tn)
	m["title_accuracy"] = ratio(title.ok, title.n)
	m["author_accuracy"] = ratio(author.ok, author.n)
	m["date_accuracy"] = ratio(date.ok, date.n)
	return Result{N: len(keys), Metrics: m}, nil
}

var spaceRE = regexp.MustCompile(`\s+`)

func squash(s string) string { return strings.TrimSpace(spaceRE.ReplaceAllString(s, " ")) }

// snippets counts, as upstream's count_item: with-snippets found (tp) or
// missing (fn), without-snippets found (fp) or absent (tn), as substrings of
// the whitespace-normalized output.
func snippets(text string, with, without []string) (tp, fn, fp, tn int) {
	out := squash(text)
	for _, w := range with {
		if strings.Contains(out, squash(w)) {
			tp++
		} else {
			fn++
		}
	}
	for _, w := range without {
		if strings.Contains(out, squash(w)) {
			fp++
		} else {
			tn++
		}
	}
	return
}

// authorString reads the gold author: a string, or a list of names joined
// with "; ". Empty when not annotated.
func authorString(raw json.RawMessage) string {
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var l []string
	if json.Unmarshal(raw, &l) == nil {
		return strings.Join(l, "; ")
	}
	return ""
}

// sameMeta compares metadata values as a person would: case, spacing and
// surrounding punctuation do not count, and lists of names match in any
// order whether separated by ",", ";" or " and ".
func sameMeta(pred, gold string) bool {
	norm := func(s string) []string {
		s = strings.ToLower(squash(s))
		s = strings.NewReplacer(" and ", ";", ",", ";", " & ", ";").Replace(s)
		var parts []string
		for _, p := range strings.Split(s, ";") {
			p = strings.TrimFunc(p, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
			if p != "" {
				parts = append(parts, p)
			}
		}
		sort.Strings(parts)
		return parts
	}
	p, g := norm(pred), norm(gold)
	if len(p) == 0 || len(p) != len(g) {
		return false
	}
	for i := range p {
		if p[i] != g[i] {
			return false
		}
	}
	return true
}
