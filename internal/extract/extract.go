// Package extract turns a raw HTML page into an article's main text and
// metadata (title, byline, outlet, canonical URL, language, publication and
// modification time), keeping the text it removes aside as boilerplate.
//
// The page is decoded to UTF-8 (byte order mark, Content-Type header, a body
// that is valid UTF-8, <meta charset>, else windows-1252) and parsed once
// into a tree. Scripts, styles, hidden and screen-reader-only elements are
// dropped; navigation, headers, footers, asides, forms and elements whose
// class, id or role names page furniture (data/hints.txt) are boilerplate,
// unless they turn out to wrap the article. Containers of paragraphs are
// scored, readability-style, by their text, commas, link density and class
// hints; the best one, with the siblings (and same-class cousins) that
// belong to it, is the article. Inside it, link lists, captions, credits and
// share bars are cleaned out; a standfirst between the headline and the body
// is kept; datelines, contact lines and furniture phrases (data/furniture.txt)
// at the head or tail of the text go to Boilerplate. A page that yields too
// little is tried again without class pruning. Pages the tree parser refuses
// (more than 512 open elements) go through a streaming tokenizer instead
// (stream.go), which costs linear time on any input.
//
// Metadata comes, in order of trust, from JSON-LD, Open Graph and other meta
// tags, microdata, <time> and <abbr> elements, elements whose class names a
// date or byline, links to author pages, URL date patterns and dated short
// paragraphs; Page.Sources records where each field came from. Two
// deliberate exceptions, measured on the eval sets: a visible dateline
// beside the headline wins over a declared date on another day, and a UTC
// time is read on the outlet's calendar (data/zones.txt). Bylines lose
// "By"-style prefixes (data/byline.txt), dates and counts, and candidates
// naming the outlet itself are passed over. The language is the declared
// one, else a trigram guess (whatlanggo) on the main text.
package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"

	"github.com/parallax-news/parallax/internal/article"
)

// Extractor names this extractor and its version in Page.Extractor.
const Extractor = "parallax/1"

// Page is what HTML extracts from one page.
type Page struct {
	// Text is the main text: paragraphs separated by one '\n', white space
	// collapsed inside each, valid UTF-8. It is not yet NFC-normalized.
	Text string
	// Metadata the page declares; "" or the zero time when it does not.
	Title, Byline, Outlet, URL, Language string
	Published                            time.Time
	// Modified is when the page says the article was last updated.
	Modified time.Time `json:",omitzero"`
	// Sources says where each metadata field came from, keyed by field
	// name ("Title", "Byline", "Outlet", "Language", "Published",
	// "Modified"): "json-ld", "meta", "microdata", "microformat", "time",
	// "dateline" (a visible date beside the headline or in a date-classed
	// element), "text" (a short dated paragraph), "url", "h1", "title",
	// "byline" (a byline- or author-classed element), "rel-author",
	// "author-link", "domain", "html-lang".
	Sources map[string]string `json:",omitempty"`
	// Boilerplate holds the paragraphs left out of Text (navigation,
	// header, footer, asides, text outside the chosen article), in page
	// order.
	Boilerplate []string
	// Extractor is the name and version of the extractor: Extractor.
	Extractor string
}

// HTML extracts the main text and metadata of the HTML page body.
// contentType is the declared media type with its charset parameter (an HTTP
// header), or "". pageURL is where the page was fetched from, or ""; it is
// the default canonical URL and gives the outlet when the page names none.
// A page without main text is an error wrapping article.ErrInvalid.
func HTML(body []byte, contentType, pageURL string) (*Page, error) {
	text := decode(body, contentType)
	p := &Page{Extractor: Extractor}
	var m *meta
	var h1 []string
	root, err := html.ParseWithOptions(bytes.NewReader(text), html.ParseOptionEnableScripting(false))
	if err == nil {
		d := newDoc(root, false)
		p.Text, p.Boilerplate = d.extract()
		m, h1 = &d.x.meta, d.h1
		if len(p.Text) < retryBelow {
			// Too little: perhaps the article sits in a wrapper whose
			// class names furniture. Try again without class pruning and
			// keep the longer result.
			d2 := newDoc(root, true)
			if t, b := d2.extract(); len(t) > 2*len(p.Text) {
				p.Text, p.Boilerplate = t, b
			}
		}
	}
	if err != nil || p.Text == "" {
		x := newExtractor()
		x.run(text)
		p.Text, p.Boilerplate = x.choose()
		if m == nil {
			m = &x.meta
		}
	}
	if p.Text == "" {
		return nil, fmt.Errorf("extract html: no main text: %w", article.ErrInvalid)
	}
	p.metadata(m, h1, pageURL)
	if p.Language == "" {
		p.Language = detectLanguage(p.Text)
		if p.Language != "" {
			p.Sources = cmpInit(p.Sources)
			p.Sources["Language"] = "text"
		}
	}
	return p, nil
}

// nearBefore is how many paragraphs before the article body a dateline
// is looked for when no title heading marks the top of the story.
const nearBefore = 8

// nearAfter is how many paragraphs into the article body a dateline is
// looked for.
const nearAfter = 6

// leadWindow is how many paragraphs after the title heading may hold the
// standfirst.
const leadWindow = 6

// tailWindow is how many paragraphs at the end of the main text are
// checked for furniture phrases.
const tailWindow = 5

// retryBelow is the length of main text under which extraction is tried
// again without pruning by class and id.
const retryBelow = 250

func newDoc(root *html.Node, loose bool) *doc {
	return &doc{root: root, marks: map[*html.Node]uint8{}, infos: make(map[*html.Node]*info, 256), x: newExtractor(), loose: loose}
}

// extract returns the main text and the boilerplate of a parsed page.
func (d *doc) extract() (string, []string) {
	d.body = findAtom(d.root, atom.Body)
	if d.body == nil {
		d.body = d.root
	}
	if h := findAtom(d.root, atom.Html); h != nil {
		d.x.meta.lang = strings.TrimSpace(firstOf(attr(h, "lang"), attr(h, "xml:lang")))
	}
	// Metadata in <head>, then statistics and marks over the body.
	if head := findAtom(d.root, atom.Head); head != nil {
		d.prepare(head, true, 0)
	}
	d.prepare(d.body, false, 0)
	tops := d.top()
	keep := map[*html.Node]bool{}
	total := 0
	for _, t := range tops {
		total += d.info(t).text
	}
	for _, t := range tops {
		keep[t] = true
		d.clean(t, total)
	}
	e := &emitter{}
	if len(tops) == 0 {
		// No container of paragraphs: the whole body outside furniture.
		keep[d.body] = true
	}
	d.emit(d.body, e, keep, false)
	e.flush()
	return d.assemble(e.out)
}

func (d *doc) assemble(paras []tpara) (string, []string) {
	for _, p := range paras {
		if len(p.text) < 300 && len(d.x.meta.yearParas) < 32 && hasYear(p.text) {
			d.x.meta.yearParas = append(d.x.meta.yearParas, p.text)
		}
	}
	title := strings.ToLower(firstOf(d.x.meta.ogTitle, d.x.meta.ldHeadline, d.x.meta.title))
	// The standfirst: sentences between the title heading and the article
	// body, often in a header the page marks as furniture.
	first, head := -1, -1
	for i, p := range paras {
		if p.keep {
			first = i
			break
		}
		if p.heading && title != "" && strings.Contains(title, strings.ToLower(p.text)) && len(p.text) > 10 {
			head = i
		}
	}
	// A dateline near the title: between the title heading and the first
	// paragraphs of the body.
	if first >= 0 {
		from := first - nearBefore
		if head >= 0 && head < first {
			from = head - 2
		}
		for i := max(0, from); i < len(paras) && i <= first+nearAfter; i++ {
			if t := paras[i].text; len(t) < 100 && hasYear(t) {
				if _, ok := textDate(t); ok {
					d.x.meta.nearDate = t
					break
				}
			}
		}
	}
	lead := map[int]bool{}
	if head >= 0 && first > head {
		for i := head + 1; i < first && i <= head+leadWindow; i++ {
			if p := paras[i]; len(p.text) >= 80 && p.link*5 < len(p.text) && !p.heading && !p.caption {
				lead[i] = true
			}
		}
	}
	// Furniture phrases at the head or tail of the main text.
	var kept []int
	for i, p := range paras {
		if p.keep || lead[i] {
			kept = append(kept, i)
		}
	}
	drop := map[int]bool{}
	for _, i := range kept {
		if len(paras[i].text) < 60 && furnitureText(paras[i].text) {
			drop[i] = true
		}
	}
	for j := len(kept) - 1; j >= 0 && j >= len(kept)-tailWindow; j-- {
		if t := paras[kept[j]].text; furnitureText(t) || dateline(t) || contactLine(t) {
			drop[kept[j]] = true
		}
	}
	for j := 0; j < len(kept) && j < 3; j++ {
		if t := paras[kept[j]].text; furnitureText(t) || dateline(t) {
			drop[kept[j]] = true
		}
	}
	return joinKept(len(paras), func(i int) string { return paras[i].text }, func(i int) bool {
		p := paras[i]
		keep := (p.keep || lead[i]) && !drop[i]
		if keep && p.heading && title != "" && strings.Contains(title, strings.ToLower(p.text)) {
			keep = false
		}
		if keep && p.link*2 > len(p.text) && len(p.text) < 160 {
			keep = false
		}
		return keep
	})
}

// joinKept joins the texts of the n paragraphs that keep accepts with '\n'
// and returns the others, in order, as boilerplate.
func joinKept(n int, text func(i int) string, keep func(i int) bool) (string, []string) {
	var b strings.Builder
	var boiler []string
	for i := range n {
		if !keep(i) {
			boiler = append(boiler, text(i))
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(text(i))
	}
	return b.String(), boiler
}

// dateline reports whether a short paragraph is mostly a date: "Updated
// Nov 20, 2019 01:41 PM", "Published 3 March 2003".
func dateline(s string) bool {
	if len(s) >= 90 || !hasYear(s) {
		return false
	}
	_, ok := textDate(s)
	return ok && !endsSentence(s)
}

// contactLine reports whether a paragraph is only an e-mail address, a
// social handle or a bare URL: an author's contact line.
func contactLine(s string) bool {
	if len(s) > 80 || strings.Contains(strings.TrimSpace(s), " ") {
		return false
	}
	return strings.Contains(s, "@") || strings.HasPrefix(s, "http") || strings.HasPrefix(s, "www.") || strings.Contains(s, ".com/")
}

func cmpInit(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// detectLanguage identifies the language of text with a trigram model (a
// pure-Go port of franc), returning an ISO 639-1 code when the guess is
// reliable and "" otherwise.
func detectLanguage(text string) string {
	if len(text) < langMin {
		return "" // too little to tell
	}
	if len(text) > langSample {
		i := langSample
		for i > 0 && !utf8.RuneStart(text[i]) {
			i--
		}
		text = text[:i]
	}
	info := whatlanggo.Detect(text)
	if !info.IsReliable() {
		return ""
	}
	return info.Lang.Iso6391()
}

// langMin is the least text, in bytes, the language identifier is asked
// about.
const langMin = 100

// langSample is how much text the language identifier reads.
const langSample = 1024

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// hasYear reports whether s holds four digits starting 19 or 20.
func hasYear(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// findAtom returns the first element named a, breadth-first near the root.
func findAtom(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == a {
			return c
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Html {
			return findAtom(c, a)
		}
	}
	return nil
}

// decode returns body as UTF-8 text.
func decode(body []byte, contentType string) []byte {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if !certain && hasHighBit(body) && utf8.Valid(body) {
		// DetermineEncoding only looks at the first 1024 bytes; a body
		// that is valid UTF-8 throughout is UTF-8, whatever a template's
		// <meta> says.
		name, enc = "utf-8", encoding.Nop
	}
	if name == "utf-8" {
		return bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return bytes.TrimPrefix(out, []byte("\xef\xbb\xbf"))
}

func hasHighBit(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// metadata fills the page's metadata from what the extractor saw.
func (p *Page) metadata(m *meta, h1 []string, pageURL string) {
	src := map[string]string{}
	pick := func(field string, cands ...[2]string) string {
		for _, c := range cands {
			if v := collapse([]byte(c[0])); v != "" {
				src[field] = c[1]
				return v
			}
		}
		return ""
	}
	p.Outlet = pick("Outlet", [2]string{m.siteName, "meta"}, [2]string{m.ldPublisher, "json-ld"})
	p.Title = cleanTitle(pick("Title", [2]string{m.ogTitle, "meta"}, [2]string{m.ldHeadline, "json-ld"}, [2]string{m.twitterTitle, "meta"}, [2]string{firstOf(h1...), "h1"}, [2]string{m.title, "title"}), p.Outlet)
	// The headline on the page, when the declared title is it plus a
	// kicker or a site name.
	if h := collapse([]byte(firstOf(h1...))); len(h) >= 10 && src["Title"] != "h1" && h != p.Title &&
		strings.Contains(strings.ToLower(p.Title), strings.ToLower(h)) {
		p.Title, src["Title"] = h, "h1"
	}
	for _, c := range [][2]string{{m.ldAuthor, "json-ld"}, {m.author, "meta"}, {m.articleAuthor, "meta"}, {m.otherAuthor, "meta"},
		{m.itempropAuthor, "microdata"}, {m.relAuthor, "rel-author"}, {m.bylineClass, "byline"}, {m.bylineBoiler, "byline"}, {m.authorLink, "author-link"}} {
		if a := cleanByline(c[0]); a != "" && !orgName(a, p.Outlet, pageURL) {
			p.Byline, src["Byline"] = a, c[1]
			break
		}
	}
	p.Language = pick("Language", [2]string{m.lang, "html-lang"}, [2]string{m.contentLanguage, "meta"}, [2]string{strings.ReplaceAll(m.ogLocale, "_", "-"), "meta"})
	for _, d := range [][2]string{{m.ldPublished, "json-ld"}, {m.articlePublished, "meta"}, {m.ogPublished, "meta"}, {m.itempropPublished, "microdata"},
		{m.otherPublished, "meta"}, {m.ldAnyPublished, "json-ld"}, {m.timePub, "time"}, {m.abbrPublished, "microformat"}, {m.itempropText, "microdata"},
		{m.timeDatetime, "time"}, {m.otherCreated, "meta"}, {"url", "url"}, {m.dateClass, "dateline"}, {m.timeBoiler, "time"}, {"100", "text"}, {"300", "text"}} {
		if d[1] == "text" {
			// Read lazily: the regular expressions cost.
			max := 100
			if d[0] == "300" {
				max = 300
			}
			d[0] = m.shortDate(max)
		}
		if d[1] == "url" {
			if t, ok := urlDate(pageURL); ok {
				p.Published, src["Published"] = t, "url"
				break
			}
			continue
		}
		if t, ok := parseTime(d[0]); ok {
			p.Published, src["Published"] = t, d[1]
			break
		}
	}
	// The dateline the page shows its readers beside the headline wins
	// over a declared date on another day: declared dates are often a first
	// draft's, a template's, or in another zone.
	if t, ok := parseTime(m.nearDate); ok && src["Published"] != "dateline" {
		if !sameDay(t, p.Published) {
			p.Published, src["Published"] = t, "dateline"
		}
	}
	// A time in UTC is shown to readers in the outlet's own zone.
	if !p.Published.IsZero() && p.Published.Location() == time.UTC && (p.Published.Hour() != 0 || p.Published.Minute() != 0) {
		if loc := outletZone(pageURL, p.Language); loc != nil {
			p.Published = p.Published.In(loc)
		}
	}
	// A URL date a day off the declared time is the outlet's own calendar
	// day, where the declared one was written in another zone.
	if u, ok := urlDate(pageURL); ok && !p.Published.IsZero() && src["Published"] != "url" {
		y, mo, dd := p.Published.Date()
		if day := time.Date(y, mo, dd, 0, 0, 0, 0, time.UTC); day != u && day.Sub(u).Abs() <= 24*time.Hour {
			p.Published, src["Published"] = u, "url"
		}
	}
	for _, d := range [][2]string{{m.ldModified, "json-ld"}, {m.articleModified, "meta"}, {m.itempropModified, "microdata"}, {m.otherModified, "meta"}} {
		if t, ok := parseTime(d[0]); ok {
			p.Modified, src["Modified"] = t, d[1]
			break
		}
	}
	base, _ := url.Parse(pageURL)
	p.URL = firstOf(absURL(base, m.canonical), absURL(base, m.ogURL), absURL(nil, pageURL))
	if p.Outlet == "" {
		p.Outlet = registeredDomain(pageURL)
		if p.Outlet == "" {
			p.Outlet = registeredDomain(p.URL)
		}
		if p.Outlet != "" {
			src["Outlet"] = "domain"
		}
	}
	if len(src) > 0 {
		p.Sources = src
	}
}
