package extract

// This file holds the streaming extractor: a tokenizer pass that never
// builds a tree, so deeply nested and unclosed markup costs linear time. It
// serves pages the tree parser refuses (more than 512 open elements) and
// gives the metadata and paragraph fallbacks.

import (
	"bytes"
	"encoding/json"
	"net"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/publicsuffix"
)

// Element classes.
const (
	classDrop    = 1 << iota // contents are not text: script, svg, hidden elements...
	classBoiler              // contents are boilerplate: nav, header, footer...
	classArticle             // <article>
	classMain                // <main>
	classBlock               // starts and ends a paragraph
	classVoid                // has no contents and no end tag
)

var classes = map[atom.Atom]uint8{}

func init() {
	set := func(c uint8, names ...atom.Atom) {
		for _, a := range names {
			classes[a] |= c
		}
	}
	set(classDrop, atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Math, atom.Iframe,
		atom.Noembed, atom.Noframes, atom.Textarea, atom.Select, atom.Button, atom.Canvas, atom.Object,
		atom.Audio, atom.Video, atom.Datalist, atom.Map)
	set(classBoiler, atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Form, atom.Menu)
	set(classArticle, atom.Article)
	set(classMain, atom.Main)
	set(classBlock, atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Br, atom.Caption,
		atom.Center, atom.Dd, atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Dt, atom.Fieldset,
		atom.Figcaption, atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5,
		atom.H6, atom.Head, atom.Header, atom.Hgroup, atom.Hr, atom.Html, atom.Legend, atom.Li, atom.Main,
		atom.Menu, atom.Nav, atom.Ol, atom.Option, atom.P, atom.Pre, atom.Section, atom.Summary, atom.Table,
		atom.Tbody, atom.Tfoot, atom.Thead, atom.Tr, atom.Ul, atom.Listing, atom.Plaintext, atom.Xmp)
	// Table cells end a paragraph: most tables in news pages are layout, with
	// navigation in one cell and the story in the next.
	set(classBlock, atom.Td, atom.Th)
	set(classVoid, atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Keygen, atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr)
}

// elem is an open element.
type elem struct {
	name  string
	class uint8
}

// para is one paragraph of text and where it was.
type para struct {
	text    string
	article int // which <article> (outermost, numbered from 1) holds it; 0 for none
	main    bool
	boiler  bool
}

// meta holds the metadata candidates seen in the page.
type meta struct {
	title, ogTitle, ldHeadline      string
	author, articleAuthor, ldAuthor string
	siteName                        string
	canonical, ogURL                string
	lang, contentLanguage, ogLocale string
	articlePublished, ogPublished   string
	itempropPublished, ldPublished  string
	otherPublished, timeDatetime    string
	ldScripts                       int

	// Filled by the tree extractor and the richer meta and JSON-LD readers.
	relAuthor, itempropAuthor, bylineClass string
	otherAuthor, twitterTitle              string
	articleModified                        string
	itempropModified, ldModified           string
	otherModified                          string
	ldArticleBody, ldPublisher             string
	ldAnyPublished, timePub, timeBoiler    string
	abbrPublished, itempropText, dateClass string
	otherCreated, nearDate                 string
	yearParas                              []string // short paragraphs with a year, in page order
	authorLink, bylineBoiler               string
}

// shortDate returns the first paragraph shorter than max bytes that holds
// a date, or "".
func (m *meta) shortDate(max int) string {
	for _, p := range m.yearParas {
		if len(p) < max {
			if _, ok := textDate(p); ok {
				return p
			}
		}
	}
	return ""
}

// Bounds on JSON-LD work per page.
const (
	maxLDScripts = 8
	maxLDBytes   = 1 << 20
)

type extractor struct {
	z      *html.Tokenizer
	stack  []elem
	open   map[string]int // open elements by name, to ignore stray end tags at once
	drop   int            // open classDrop elements
	boiler int            // open classBoiler elements
	art    int            // open <article> elements
	artID  int            // number of the outermost open <article>
	nArt   int            // <article> elements seen
	main   int            // open <main> elements

	cur   []byte // the paragraph being built
	space bool   // white space is pending before the next word
	paras []para
	meta  meta
}

func newExtractor() *extractor {
	return &extractor{open: make(map[string]int)}
}

func (x *extractor) run(text []byte) {
	x.z = html.NewTokenizer(bytes.NewReader(text))
	for {
		switch x.z.Next() {
		case html.ErrorToken:
			x.flush()
			return
		case html.TextToken:
			if x.drop == 0 {
				x.addText(x.z.Text())
			}
		case html.StartTagToken:
			x.start(false)
		case html.SelfClosingTagToken:
			x.start(true)
		case html.EndTagToken:
			name, _ := x.z.TagName()
			x.end(tagName(name))
		}
	}
}

// tagName returns name as a string, without allocating for known tags.
func tagName(name []byte) string {
	if a := atom.Lookup(name); a != 0 {
		return a.String()
	}
	return string(name)
}

// attrs are the attributes of a start tag that matter here.
type attrs struct {
	hidden                        bool
	property, name, itemprop, typ string
	content, datetime, rel, href  string
	lang, httpEquiv               string
}

func (x *extractor) attrs(has bool) attrs {
	var a attrs
	for has {
		var k, v []byte
		k, v, has = x.z.TagAttr()
		switch string(k) {
		case "hidden":
			a.hidden = true
		case "aria-hidden":
			a.hidden = a.hidden || bytes.EqualFold(bytes.TrimSpace(v), []byte("true"))
		case "style":
			a.hidden = a.hidden || displayNone(v)
		case "property":
			a.property = strings.ToLower(strings.TrimSpace(string(v)))
		case "name":
			a.name = strings.ToLower(strings.TrimSpace(string(v)))
		case "itemprop":
			a.itemprop = strings.ToLower(strings.TrimSpace(string(v)))
		case "type":
			a.typ = strings.ToLower(strings.TrimSpace(string(v)))
		case "content":
			a.content = string(v)
		case "datetime":
			a.datetime = string(v)
		case "rel":
			a.rel = strings.ToLower(string(v))
		case "href":
			a.href = strings.TrimSpace(string(v))
		case "lang", "xml:lang":
			if a.lang == "" {
				a.lang = strings.TrimSpace(string(v))
			}
		case "http-equiv":
			a.httpEquiv = strings.ToLower(strings.TrimSpace(string(v)))
		}
	}
	return a
}

func displayNone(style []byte) bool {
	// Lower-case without spaces, on the stack for the usual short style.
	var buf [256]byte
	s := buf[:0]
	for _, c := range style {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		s = append(s, c)
	}
	return bytes.Contains(s, []byte("display:none")) || bytes.Contains(s, []byte("visibility:hidden"))
}

func (x *extractor) start(selfClosing bool) {
	raw, hasAttr := x.z.TagName()
	a := atom.Lookup(raw)
	name := tagName(raw)
	at := x.attrs(hasAttr)
	class := classes[a]
	m := &x.meta

	switch a {
	case atom.Html:
		if m.lang == "" {
			m.lang = at.lang
		}
	case atom.Meta:
		x.metaTag(&at)
	case atom.Link:
		if m.canonical == "" && hasToken(at.rel, "canonical") {
			m.canonical = at.href
		}
	case atom.Time:
		if m.timeDatetime == "" {
			m.timeDatetime = at.datetime
		}
	case atom.Title:
		// <title> is raw text up to </title>: take it here. Titles inside
		// <svg> are not the page's.
		// Its end tag, if consumed here, is not missed: title is never
		// pushed.
		if x.drop == 0 {
			if x.z.Next() == html.TextToken && m.title == "" {
				m.title = collapse(x.z.Text())
			}
		}
		return
	case atom.Script:
		// JSON-LD metadata. Like <title>, the script is raw text up to its
		// end tag, taken here and not pushed.
		if at.typ == "application/ld+json" && x.drop == 0 {
			if x.z.Next() == html.TextToken && m.ldScripts < maxLDScripts {
				m.ldScripts++
				x.jsonLD(x.z.Text())
			}
			return
		}
	}
	if at.itemprop == "datepublished" && m.itempropPublished == "" {
		m.itempropPublished = firstOf(at.content, at.datetime)
	}
	if at.hidden && class&classVoid == 0 {
		class |= classDrop
	}
	if class&classBlock != 0 {
		x.flush()
	}
	// Raw text elements (script, style...) run to their end tag even when
	// written <script/>, so they are pushed to drop that text.
	if class&classVoid != 0 || (selfClosing && class&classDrop == 0) {
		return
	}
	x.push(name, class)
}

func (x *extractor) metaTag(at *attrs) {
	m := &x.meta
	v := strings.TrimSpace(at.content)
	if v == "" {
		return
	}
	set := func(p *string) {
		if *p == "" {
			*p = v
		}
	}
	if at.httpEquiv == "content-language" {
		set(&m.contentLanguage)
	}
	for _, key := range []string{at.property, at.name, at.itemprop} {
		switch key {
		case "og:title":
			set(&m.ogTitle)
		case "og:site_name":
			set(&m.siteName)
		case "og:url":
			set(&m.ogURL)
		case "og:locale":
			set(&m.ogLocale)
		case "article:published_time":
			set(&m.articlePublished)
		case "og:published_time", "og:article:published_time":
			set(&m.ogPublished)
		case "datepublished":
			set(&m.itempropPublished)
		case "pubdate", "publishdate", "publish-date", "parsely-pub-date", "dc.date.issued", "dcterms.created", "sailthru.date":
			set(&m.otherPublished)
		case "twitter:title":
			set(&m.twitterTitle)
		case "article:modified_time", "og:updated_time":
			set(&m.articleModified)
		case "datemodified", "last-modified", "dcterms.modified":
			set(&m.otherModified)
		case "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl", "citation_author", "dc.creator.author":
			if !looksURL(v) {
				set(&m.otherAuthor)
			}
		case "dcterms:created", "bepress_citation_date", "citation_publication_date", "citation_date", "dc.date.created", "datecreated", "uploaddate", "dateupdate":
			set(&m.otherCreated)
		case "date", "dc.date", "dcterms.date", "article.published", "published-date", "og:pubdate", "release_date", "article:published", "cxenseparse:recs:publishtime", "dcterms.issued":
			set(&m.otherPublished)
		case "author":
			if !looksURL(v) {
				set(&m.author)
			}
		case "article:author":
			if !looksURL(v) {
				set(&m.articleAuthor)
			}
		}
	}
}

func (x *extractor) push(name string, class uint8) {
	if class&(classDrop|classBoiler|classArticle|classMain) != 0 {
		x.flush() // a paragraph belongs to one region
	}
	x.stack = append(x.stack, elem{name, class})
	x.open[name]++
	x.count(class, +1)
}

// end closes the innermost open element named name and any left open inside
// it. An end tag with no open element is ignored.
func (x *extractor) end(name string) {
	if x.open[name] == 0 {
		if name == "br" || name == "p" { // </br> and a stray </p> break a line, as in browsers
			x.flush()
		}
		return
	}
	for len(x.stack) > 0 {
		e := x.stack[len(x.stack)-1]
		x.stack = x.stack[:len(x.stack)-1]
		x.open[e.name]--
		if e.class&(classDrop|classBoiler|classArticle|classMain|classBlock) != 0 {
			x.flush()
		}
		x.count(e.class, -1)
		if e.name == name {
			return
		}
	}
}

func (x *extractor) count(class uint8, d int) {
	if class&classDrop != 0 {
		x.drop += d
	}
	if class&classBoiler != 0 {
		x.boiler += d
	}
	if class&classMain != 0 {
		x.main += d
	}
	if class&classArticle != 0 {
		if d > 0 && x.art == 0 {
			x.nArt++
			x.artID = x.nArt
		}
		x.art += d
	}
}

// addText appends text to the paragraph, collapsing white space.
func (x *extractor) addText(t []byte) {
	for len(t) > 0 {
		c := t[0]
		if c < utf8.RuneSelf {
			switch c {
			case ' ', '\n', '\t', '\r', '\f', '\v':
				x.space = true
			case 0:
				// NUL in text is ignored, as HTML parsers do.
			default:
				x.word()
				x.cur = append(x.cur, c)
			}
			t = t[1:]
			continue
		}
		r, n := utf8.DecodeRune(t)
		switch {
		case r == utf8.RuneError && n == 1:
			x.word()
			x.cur = append(x.cur, "\uFFFD"...)
		case unicode.IsSpace(r):
			x.space = true
		default:
			x.word()
			x.cur = append(x.cur, t[:n]...)
		}
		t = t[n:]
	}
}

// word writes the pending space before a word.
func (x *extractor) word() {
	if x.space && len(x.cur) > 0 {
		x.cur = append(x.cur, ' ')
	}
	x.space = false
}

// flush ends the paragraph being built.
func (x *extractor) flush() {
	x.space = false
	if len(x.cur) == 0 {
		return
	}
	p := para{text: string(x.cur), main: x.main > 0, boiler: x.boiler > 0}
	if x.art > 0 {
		p.article = x.artID
	}
	x.paras = append(x.paras, p)
	x.cur = x.cur[:0]
}

// choose picks the main text: the <article> with the most text, else
// <main>, else everything outside boilerplate elements. An <article> or
// <main> holding under a tenth of the page's text is taken for a teaser and
// passed over. Every other paragraph is boilerplate.
func (x *extractor) choose() (text string, boilerplate []string) {
	var total, mainLen int
	perArticle := map[int]int{}
	for _, p := range x.paras {
		if p.boiler {
			continue
		}
		total += len(p.text)
		if p.article > 0 {
			perArticle[p.article] += len(p.text)
		}
		if p.main {
			mainLen += len(p.text)
		}
	}
	best, bestLen := 0, 0
	for id, n := range perArticle {
		if n > bestLen || (n == bestLen && id < best) {
			best, bestLen = id, n
		}
	}
	keep := func(p para) bool { return !p.boiler }
	switch {
	case bestLen > 0 && bestLen*10 >= total:
		keep = func(p para) bool { return !p.boiler && p.article == best }
	case mainLen > 0 && mainLen*10 >= total:
		keep = func(p para) bool { return !p.boiler && p.main }
	}
	return joinKept(len(x.paras), func(i int) string { return x.paras[i].text }, func(i int) bool { return keep(x.paras[i]) })
}

// jsonLD reads schema.org metadata from a JSON-LD script.
func (x *extractor) jsonLD(data []byte) {
	if len(data) > maxLDBytes {
		return
	}
	var v any
	if json.Unmarshal(data, &v) != nil {
		return
	}
	x.ldWalk(v, 0)
}

func (x *extractor) ldWalk(v any, depth int) {
	if depth > 4 {
		return
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			x.ldWalk(e, depth+1)
		}
	case map[string]any:
		if g, ok := v["@graph"]; ok {
			x.ldWalk(g, depth+1)
		}
		m := &x.meta
		if s, ok := v["datePublished"].(string); ok && m.ldAnyPublished == "" {
			m.ldAnyPublished = s
		}
		if !ldIsArticle(v["@type"]) {
			return
		}
		if s, ok := v["datePublished"].(string); ok && m.ldPublished == "" {
			m.ldPublished = s
		}
		if s, ok := v["dateModified"].(string); ok && m.ldModified == "" {
			m.ldModified = s
		}
		if s, ok := v["articleBody"].(string); ok && m.ldArticleBody == "" {
			m.ldArticleBody = s
		}
		if m.ldPublisher == "" {
			if names := ldNames(v["publisher"], false); len(names) > 0 {
				m.ldPublisher = names[0]
			}
		}
		if s, ok := v["headline"].(string); ok && m.ldHeadline == "" {
			m.ldHeadline = collapse([]byte(s))
		}
		if m.ldAuthor == "" {
			m.ldAuthor = strings.Join(ldNames(v["author"], true), ", ")
		}
	}
}

// ldIsArticle reports whether a JSON-LD @type names an article:
// NewsArticle, ReportageNewsArticle, BlogPosting...
func ldIsArticle(t any) bool {
	switch t := t.(type) {
	case string:
		return strings.HasSuffix(t, "Article") || t == "BlogPosting" || t == "LiveBlogPosting"
	case []any:
		for _, e := range t {
			if ldIsArticle(e) {
				return true
			}
		}
	}
	return false
}

func ldNames(v any, top bool) []string {
	switch v := v.(type) {
	case string:
		if s := strings.TrimSpace(v); s != "" && !looksURL(s) {
			return []string{s}
		}
	case map[string]any:
		return ldNames(v["name"], false)
	case []any:
		if !top {
			return nil
		}
		var names []string
		for _, e := range v {
			names = append(names, ldNames(e, false)...)
		}
		return names
	}
	return nil
}

// collapse returns t with white space runs made one space, trimmed.
func collapse(t []byte) string {
	x := extractor{}
	x.addText(t)
	return strings.ToValidUTF8(string(x.cur), "\uFFFD")
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if f == tok {
			return true
		}
	}
	return false
}

func looksURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "//")
}

// absURL resolves ref against base and returns it if it is an absolute
// http(s) URL, else "".
func absURL(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// registeredDomain returns the registered domain of an http(s) URL's host
// ("bbc.co.uk" for https://www.bbc.co.uk/news), the address for an IP
// host, or "".
func registeredDomain(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if host == "" {
		return ""
	}
	if net.ParseIP(host) != nil {
		return host
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return ""
	}
	return d
}

// timeLayouts are the date forms pages use in metadata. Times without a
// zone are taken as UTC.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
}

func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return textDate(s)
}
