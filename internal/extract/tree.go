package extract

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Marks on elements of the parsed tree.
const (
	markDrop   = 1 + iota // not text at all: script, hidden elements...
	markBoiler            // page furniture: its text goes to Boilerplate
)

// info is what the scorer knows of one element.
type info struct {
	text   int // bytes of text, white space excluded
	link   int // of which inside links
	commas int
	paras  int // <p> descendants
	score  float64
	scored bool
	weight int
	ci     string // class and id, lower-cased
}

// doc is a parsed page under extraction.
type doc struct {
	root  *html.Node
	body  *html.Node
	marks map[*html.Node]uint8
	infos map[*html.Node]*info
	pool  []info
	x     *extractor // metadata collector
	h1    []string
	// loose turns off pruning by class and id, for a second try on pages
	// whose first try found too little.
	loose bool

	hintCache map[string]hintResult
}

func (d *doc) info(n *html.Node) *info {
	if in, ok := d.infos[n]; ok {
		return in
	}
	if len(d.pool) == cap(d.pool) {
		d.pool = make([]info, 0, 256)
	}
	d.pool = append(d.pool, info{})
	in := &d.pool[len(d.pool)-1]
	d.infos[n] = in
	return in
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// dropAtoms are elements whose content is never text.
var dropAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Math: true, atom.Iframe: true, atom.Noembed: true, atom.Noframes: true, atom.Textarea: true,
	atom.Select: true, atom.Button: true, atom.Canvas: true, atom.Object: true, atom.Audio: true,
	atom.Video: true, atom.Datalist: true, atom.Map: true, atom.Input: true, atom.Head: true, atom.Title: true,
}

// boilerAtoms are elements whose content is page furniture.
var boilerAtoms = map[atom.Atom]bool{
	atom.Nav: true, atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Menu: true, atom.Header: true,
	atom.Dialog: true,
}

// blockAtoms end a paragraph.
var blockAtoms = map[atom.Atom]bool{}

func init() {
	for a, c := range classes {
		if c&classBlock != 0 {
			blockAtoms[a] = true
		}
	}
}

// stats are the text statistics of a subtree.
type stats struct {
	text, link, commas, paras int
	art                       bool // holds an <article>, <main> or articleBody
}

// prepare walks the tree once: it collects metadata, marks dropped and
// boilerplate elements, and computes every element's text statistics.
// Furniture marks are lifted from wrappers that turn out to hold the
// article: a page-wide <form>, a "header-style" wrapper div.
func (d *doc) prepare(n *html.Node, inBoiler bool, depth int) (s stats) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			t, cm := textStats(c.Data)
			s.text += t
			s.commas += cm
		case html.ElementNode:
			if d.element(c, inBoiler) {
				continue
			}
			b := inBoiler || d.marks[c] == markBoiler
			cs := d.prepare(c, b, depth+1)
			switch c.DataAtom {
			case atom.A:
				cs.link = cs.text
			case atom.P:
				cs.paras++
			case atom.Article, atom.Main:
				cs.art = true
			}
			if !cs.art && strings.EqualFold(attr(c, "itemprop"), "articleBody") {
				cs.art = true
			}
			if cs.text > 0 || c.DataAtom == atom.Img {
				in := d.info(c)
				in.text, in.link, in.commas, in.paras = cs.text, cs.link, cs.commas, cs.paras
			}
			if d.marks[c] == markBoiler {
				if !cs.art && (cs.paras < wrapperParas || cs.text-cs.link < wrapperText) {
					continue
				}
				delete(d.marks, c)
			}
			s.text += cs.text
			s.link += cs.link
			s.commas += cs.commas
			s.paras += cs.paras
			s.art = s.art || cs.art
		}
	}
	return
}

// element looks at one element before its children: metadata, and whether
// it is dropped (true) or boilerplate.
func (d *doc) element(n *html.Node, inBoiler bool) (dropped bool) {
	x := d.x
	a := n.DataAtom
	var at attrs
	var cls, id, role, style string
	hidden := false
	for _, kv := range n.Attr {
		switch kv.Key {
		case "class":
			cls = kv.Val
		case "id":
			id = kv.Val
		case "role":
			role = strings.ToLower(kv.Val)
		case "hidden":
			hidden = true
		case "aria-hidden":
			hidden = hidden || strings.EqualFold(strings.TrimSpace(kv.Val), "true")
		case "style":
			style = kv.Val
		case "property":
			at.property = strings.ToLower(strings.TrimSpace(kv.Val))
		case "name":
			at.name = strings.ToLower(strings.TrimSpace(kv.Val))
		case "itemprop":
			at.itemprop = strings.ToLower(strings.TrimSpace(kv.Val))
		case "type":
			at.typ = strings.ToLower(strings.TrimSpace(kv.Val))
		case "content":
			at.content = kv.Val
		case "datetime":
			at.datetime = kv.Val
		case "rel":
			at.rel = strings.ToLower(kv.Val)
		case "href":
			at.href = strings.TrimSpace(kv.Val)
		case "lang", "xml:lang":
			if at.lang == "" {
				at.lang = strings.TrimSpace(kv.Val)
			}
		case "http-equiv":
			at.httpEquiv = strings.ToLower(strings.TrimSpace(kv.Val))
		}
	}
	m := &x.meta
	switch a {
	case atom.Html:
		if m.lang == "" {
			m.lang = at.lang
		}
	case atom.Meta:
		x.metaTag(&at)
		return true
	case atom.Link:
		if m.canonical == "" && hasToken(at.rel, "canonical") {
			m.canonical = at.href
		}
		return true
	case atom.Title:
		if m.title == "" && n.Parent != nil && n.Parent.DataAtom == atom.Head {
			m.title = collapse([]byte(nodeText(n)))
		}
		return true
	case atom.Script:
		if at.typ == "application/ld+json" && n.FirstChild != nil && m.ldScripts < maxLDScripts {
			m.ldScripts++
			x.jsonLD([]byte(n.FirstChild.Data))
		}
		return true
	case atom.Time:
		switch {
		case at.datetime == "":
		case m.timePub == "" && (attr(n, "pubdate") != "" || hasAttr(n, "pubdate") || strings.Contains(strings.ToLower(cls), "publish") || at.itemprop == "datepublished"):
			m.timePub = at.datetime
		case inBoiler:
			if m.timeBoiler == "" {
				m.timeBoiler = at.datetime
			}
		case m.timeDatetime == "":
			m.timeDatetime = at.datetime
		}
	case atom.Abbr:
		if m.abbrPublished == "" && strings.Contains(strings.ToLower(cls), "published") {
			m.abbrPublished = attr(n, "title")
		}
	case atom.H1:
		if !inBoiler && len(d.h1) < 4 {
			d.h1 = append(d.h1, collapse([]byte(nodeText(n))))
		}
	case atom.A:
		if m.relAuthor == "" && hasToken(at.rel, "author") {
			m.relAuthor = collapse([]byte(nodeText(n)))
		}
		if m.authorLink == "" && !inBoiler && authorHref(at.href) {
			if t := collapse([]byte(nodeText(n))); len(t) > 2 && len(t) < 60 {
				m.authorLink = t
			}
		}
	}
	if at.itemprop == "datepublished" && m.itempropPublished == "" {
		m.itempropPublished = firstOf(at.content, at.datetime)
		if m.itempropPublished == "" && m.itempropText == "" {
			m.itempropText = nodeText(n)
		}
	}
	if at.itemprop == "datemodified" && m.itempropModified == "" {
		m.itempropModified = firstOf(at.content, at.datetime)
	}
	if at.itemprop == "author" && m.itempropAuthor == "" {
		m.itempropAuthor = firstOf(at.content, firstLine(itempropName(n)))
	}
	if n.Namespace != "" || dropAtoms[a] || hidden || (style != "" && displayNone([]byte(style))) || (a != atom.Body && a != atom.Html && d.invisible(n, cls)) {
		d.marks[n] = markDrop
		return true
	}
	ci := ""
	if cls != "" || id != "" {
		ci = strings.ToLower(cls + " " + id)
	}
	if ci != "" && (m.bylineClass == "" || m.bylineBoiler == "") && (strings.Contains(ci, "byline") || strings.Contains(ci, "author") || strings.Contains(ci, "autor")) {
		if t := firstLines(itempropName(n), 3); len(t) > 0 && len(t) < 160 {
			if !inBoiler && m.bylineClass == "" {
				m.bylineClass = t
			} else if inBoiler && m.bylineBoiler == "" {
				m.bylineBoiler = t
			}
		}
	}
	if ci != "" && m.dateClass == "" && dateHint(ci) {
		if t := nodeText(n); len(t) < 200 {
			if _, ok := textDate(t); ok {
				m.dateClass = t
			}
		}
	}
	if a == atom.Body || a == atom.Html || a == atom.Article || a == atom.Main {
		return false
	}
	if boilerAtoms[a] || hints.role[role] {
		d.marks[n] = markBoiler
		return false
	}
	var h hintResult
	if ci != "" {
		h = d.hints(ci)
	}
	if h.unlikely && !d.loose && !insideAtom(n, atom.Table, atom.Pre, atom.Code) {
		d.marks[n] = markBoiler
		return false
	}
	if ci != "" {
		in := d.info(n)
		in.ci = ci
		in.weight = h.weight
	}
	return false
}

// invisible reports whether class names an element browsers do not show:
// screen-reader text, or a hover card. A hover card is the innermost
// popup-classed element with more than a name's worth of text: the name
// that triggers it is shown.
func (d *doc) invisible(n *html.Node, class string) bool {
	if class == "" {
		return false
	}
	if hints.invisibleClass(class) {
		return true
	}
	if !hints.popupClass(class) {
		return false
	}
	if len(strings.TrimSpace(nodeText(n))) <= popupText {
		return false
	}
	inner := false
	var walk func(*html.Node, int)
	walk = func(p *html.Node, depth int) {
		for c := p.FirstChild; c != nil && !inner && depth < 8; c = c.NextSibling {
			if c.Type == html.ElementNode {
				if hints.popupClass(attr(c, "class")) {
					inner = true
					return
				}
				walk(c, depth+1)
			}
		}
	}
	walk(n, 0)
	return !inner
}

// popupText is the most text a shown popup trigger holds.
const popupText = 40

// hintResult is what data/hints.txt says of one class and id string.
type hintResult struct {
	unlikely bool // furniture, and no [maybe] hint
	weight   int
}

// hints matches a class and id string against the hint lists, once per
// distinct string on the page: class names repeat.
func (d *doc) hints(ci string) hintResult {
	if r, ok := d.hintCache[ci]; ok {
		return r
	}
	r := hintResult{
		unlikely: hints.unlikelyM.in(ci) && !hints.maybeM.in(ci),
		weight:   hints.weight(ci),
	}
	if d.hintCache == nil {
		d.hintCache = make(map[string]hintResult, 64)
	}
	d.hintCache[ci] = r
	return r
}

// authorHref reports whether a link points at an author's page.
func authorHref(h string) bool {
	h = strings.ToLower(h)
	for _, p := range []string{"/author/", "/authors/", "/autor/", "/autoren/", "/auteur/", "/autore/", "/journalist/", "/profil/", "/redakteur/"} {
		if strings.Contains(h, p) {
			return true
		}
	}
	return false
}

// itempropName returns the itemprop=name element inside n, or n.
func itempropName(n *html.Node) *html.Node {
	var found *html.Node
	var walk func(*html.Node, int)
	walk = func(c *html.Node, depth int) {
		for c := c.FirstChild; c != nil && found == nil && depth < 8; c = c.NextSibling {
			if c.Type == html.ElementNode {
				if strings.EqualFold(attr(c, "itemprop"), "name") {
					found = c
					return
				}
				walk(c, depth+1)
			}
		}
	}
	walk(n, 0)
	if found != nil {
		return found
	}
	return n
}

// firstLines returns up to max lines of text under n, each line collapsed,
// joined by '\n'.
func firstLines(n *html.Node, max int) string {
	var lines []string
	var b []byte
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil && len(lines) < max && depth < 16; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b = append(b, c.Data...)
			case html.ElementNode:
				if dropAtoms[c.DataAtom] || c.DataAtom == atom.Img {
					continue
				}
				block := blockAtoms[c.DataAtom] || c.DataAtom == atom.Br
				if block {
					if t := collapse(b); t != "" {
						lines = append(lines, t)
					}
					b = b[:0]
				}
				walk(c, depth+1)
				if block {
					if t := collapse(b); t != "" && len(lines) < max {
						lines = append(lines, t)
					}
					b = b[:0]
				}
			}
		}
	}
	walk(n, 0)
	if t := collapse(b); t != "" && len(lines) < max {
		lines = append(lines, t)
	}
	return strings.Join(lines, "\n")
}

// firstLine returns the first line of text under n: text up to the first
// block element or <br>.
func firstLine(n *html.Node) string {
	var b []byte
	done := false
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil && !done && depth < 16; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b = append(b, c.Data...)
			case html.ElementNode:
				if dropAtoms[c.DataAtom] || c.DataAtom == atom.Img {
					continue
				}
				if blockAtoms[c.DataAtom] && len(strings.TrimSpace(string(b))) > 0 {
					done = true
					return
				}
				walk(c, depth+1)
				if blockAtoms[c.DataAtom] && len(strings.TrimSpace(string(b))) > 0 {
					done = true
				}
			}
			if len(b) > 400 {
				done = true
			}
		}
	}
	walk(n, 0)
	return collapse(b)
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// dateHint reports whether a class or id names a date.
func dateHint(ci string) bool {
	return strings.Contains(ci, "date") || strings.Contains(ci, "time") || strings.Contains(ci, "publish") ||
		strings.Contains(ci, "posted") || strings.Contains(ci, "datum") || strings.Contains(ci, "fecha") || strings.Contains(ci, "meta")
}

func insideAtom(n *html.Node, as ...atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		for _, a := range as {
			if p.DataAtom == a {
				return true
			}
		}
	}
	return false
}

// textStats counts the non-space bytes and commas of s.
func textStats(s string) (n, commas int) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\n', '\t', '\r', '\f':
		case ',':
			n++
			commas++
		default:
			n++
		}
	}
	// Full-width and ideographic commas, as in CJK text.
	if strings.Contains(s, "，") || strings.Contains(s, "、") {
		commas += strings.Count(s, "，") + strings.Count(s, "、")
	}
	return
}

// nodeText returns the raw text under n.
func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if depth > 64 || b.Len() > 4096 {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				if c.DataAtom != atom.Script && c.DataAtom != atom.Style {
					walk(c, depth+1)
				}
			}
		}
	}
	walk(n, 0)
	return b.String()
}

// scoreTags are the elements that hold paragraphs of text.
var scoreTags = map[atom.Atom]bool{atom.P: true, atom.Pre: true, atom.Td: true, atom.Blockquote: true, atom.H2: false}

// hasBlockChild reports whether n has a block-level child element.
func (d *doc) hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if blockAtoms[c.DataAtom] && c.DataAtom != atom.Br {
			return true
		}
		// A custom element holding paragraphs is a block.
		if c.DataAtom == 0 {
			if in := d.infos[c]; in != nil && in.paras > 0 {
				return true
			}
		}
	}
	return false
}

// candidates scores the containers of paragraphs, readability-style: each
// paragraph gives its parent its score, and lesser shares to further
// ancestors. Runs of loose text between the blocks of a container count as
// paragraphs of that container.
func (d *doc) candidates() []*html.Node {
	var cands []*html.Node
	add := func(parent *html.Node, text, commas int) {
		s := 1 + float64(commas) + min(float64(text)/100, 3)
		level := 0
		for p := parent; p != nil && level < 5; p, level = p.Parent, level+1 {
			if p.Type != html.ElementNode {
				break
			}
			pi := d.info(p)
			if !pi.scored {
				pi.scored = true
				pi.score = initScore(p) + float64(pi.weight)
				cands = append(cands, p)
			}
			div := 1.0
			switch level {
			case 0:
			case 1:
				div = 2
			default:
				div = float64(level) * 3
			}
			pi.score += s / div
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		runText, runCommas := 0, 0
		brs := hasBr(n)
		endRun := func() {
			if brs && runText >= 25 {
				add(n, runText, runCommas)
			}
			runText, runCommas = 0, 0
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				t, cm := textStats(c.Data)
				runText += t
				runCommas += cm
				continue
			}
			if c.Type != html.ElementNode || d.marks[c] != 0 {
				continue
			}
			if !blockAtoms[c.DataAtom] {
				if c.DataAtom == atom.Br {
					if c.NextSibling != nil && c.NextSibling.Type == html.ElementNode && c.NextSibling.DataAtom == atom.Br {
						endRun()
					}
					continue
				}
				if in := d.infos[c]; in != nil && c.DataAtom != 0 && in.paras == 0 && !d.hasBlockChild(c) {
					runText += in.text - in.link
					runCommas += in.commas
					continue
				}
			}
			endRun()
			para := scoreTags[c.DataAtom] || ((c.DataAtom == atom.Div || c.DataAtom == atom.Section) && !d.hasBlockChild(c))
			if para {
				if in := d.infos[c]; in != nil && in.text >= 25 {
					add(c.Parent, in.text, in.commas)
				}
				if c.DataAtom != atom.Div && c.DataAtom != atom.Section {
					continue
				}
			}
			walk(c)
		}
		if n != d.body {
			endRun()
		}
	}
	walk(d.body)
	return cands
}

// hasBr reports whether n has a <br> child: loose text broken into lines.
func hasBr(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Br {
			return true
		}
	}
	return false
}

func initScore(n *html.Node) float64 {
	switch n.DataAtom {
	case atom.Div, atom.Article, atom.Section, atom.Main:
		return 5
	case atom.Pre, atom.Td, atom.Blockquote:
		return 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		return -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		return -5
	}
	return 0
}

func (d *doc) linkDensity(n *html.Node) float64 {
	in := d.infos[n]
	if in == nil || in.text == 0 {
		return 0
	}
	return float64(in.link) / float64(in.text)
}

// top picks the main container and the siblings that belong with it.
func (d *doc) top() []*html.Node {
	cands := d.candidates()
	if len(cands) == 0 {
		return nil
	}
	var best *html.Node
	bestScore := 0.0
	for _, c := range cands {
		in := d.infos[c]
		in.score *= 1 - d.linkDensity(c)
		if best == nil || in.score > bestScore {
			best, bestScore = c, in.score
		}
	}
	// Several near-best candidates under one ancestor: the article is
	// split into blocks; take their common ancestor.
	var alts []*html.Node
	for _, c := range cands {
		if c != best && d.infos[c].score >= 0.75*bestScore {
			alts = append(alts, c)
		}
	}
	if len(alts) >= minAlts {
		for p := best.Parent; p != nil && p.DataAtom != atom.Body && p.Type == html.ElementNode; p = p.Parent {
			n := 0
			for _, a := range alts {
				if isAncestor(p, a) {
					n++
				}
			}
			if n >= minAlts {
				best = p
				break
			}
		}
	}
	// Climb while the parent scores better: the candidate was one block
	// of a larger article.
	last := d.info(best).score
	for p := best.Parent; p != nil && p.Type == html.ElementNode && p.DataAtom != atom.Body; p = p.Parent {
		pi := d.infos[p]
		if pi == nil || !pi.scored {
			continue
		}
		if pi.score < last/3 {
			break
		}
		if pi.score > last {
			best = p
			break
		}
		last = pi.score
	}
	// A lone child: take the parent, which has the same text.
	for best.Parent != nil && best.Parent.DataAtom != atom.Body && best.Parent.Type == html.ElementNode && onlyElementChild(best.Parent) == best {
		best = best.Parent
	}
	out := []*html.Node{best}
	bi := d.info(best)
	threshold := max(10, bi.score*0.2)
	if best.Parent == nil {
		return out
	}
	for s := best.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s == best || s.Type != html.ElementNode || d.marks[s] != 0 {
			continue
		}
		si := d.infos[s]
		if si == nil {
			continue
		}
		bonus := 0.0
		if si.ci != "" && si.ci == bi.ci {
			bonus = bi.score * 0.2
		}
		if si.scored && si.score+bonus >= threshold {
			out = append(out, s)
			continue
		}
		if s.DataAtom == atom.P {
			ld := d.linkDensity(s)
			t := strings.TrimSpace(collapse([]byte(nodeText(s))))
			if (si.text > 80 && ld < 0.25) || (si.text > 0 && ld == 0 && endsSentence(t)) {
				out = append(out, s)
			}
		}
	}
	// Cousins: an article split into blocks of one class, each wrapped
	// apart (between ads), under the same grandparent.
	if bi.ci != "" && best.Parent.Parent != nil && best.Parent.Parent.DataAtom != atom.Body {
		var walk func(n *html.Node, depth int)
		walk = func(n *html.Node, depth int) {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type != html.ElementNode || d.marks[c] != 0 || c == best || c == best.Parent {
					continue
				}
				if ci := d.infos[c]; ci != nil && ci.ci == bi.ci && ci.text > 0 && d.linkDensity(c) < 0.25 {
					if !slices.Contains(out, c) {
						out = append(out, c)
					}
					continue
				}
				if depth < 2 {
					walk(c, depth+1)
				}
			}
		}
		walk(best.Parent.Parent, 0)
	}
	return out
}

func endsSentence(t string) bool {
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?。!?\"”»", r)
}

func onlyElementChild(n *html.Node) *html.Node {
	var only *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.ElementNode:
			if only != nil {
				return nil
			}
			only = c
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return nil
			}
		}
	}
	return only
}

func isAncestor(a, n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

// clean marks furniture inside the chosen containers as boilerplate.
// A block holding more than half the article's text is never furniture.
func (d *doc) clean(n *html.Node, total int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || d.marks[c] != 0 {
			continue
		}
		if in := d.infos[c]; (in == nil || in.text*2 <= total) && d.furniture(c) {
			d.marks[c] = markBoiler
			continue
		}
		d.clean(c, total)
	}
}

// furniture decides whether an element inside the article is page
// furniture: link lists, share bars, captions, teasers.
func (d *doc) furniture(n *html.Node) bool {
	in := d.infos[n]
	if in == nil {
		return false
	}
	if strings.Contains(in.ci, "caption") || strings.Contains(in.ci, "credit") {
		return true
	}
	switch n.DataAtom {
	case atom.Figure, atom.Figcaption:
		return true
	case atom.P, atom.Blockquote, atom.Pre, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Span, atom.B, atom.Strong, atom.Em, atom.I:
		return in.weight < 0 && in.text < 200 && d.linkDensity(n) > 0.3
	}
	if in.weight < 0 {
		return true
	}
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Ul, atom.Ol, atom.Table, atom.Dl, atom.Li:
	default:
		return false
	}
	ld := d.linkDensity(n)
	if in.commas >= 10 {
		return false
	}
	if in.text < 25 && in.paras == 0 {
		return n.DataAtom != atom.Li && n.DataAtom != atom.Ol
	}
	if in.weight < 25 && ld > 0.33 {
		return true
	}
	if in.weight >= 25 && ld > 0.5 {
		return true
	}
	return false
}

// para is one paragraph of output, in page order.
type tpara struct {
	text    string
	keep    bool
	link    int
	heading bool
	caption bool
}

type emitter struct {
	cur   []byte
	space bool
	link  int
	inA   int
	keep  bool
	head  bool
	capt  int
	out   []tpara
}

func (e *emitter) flush() {
	e.space = false
	if len(e.cur) == 0 {
		return
	}
	e.out = append(e.out, tpara{text: strings.ToValidUTF8(string(e.cur), "\uFFFD"), keep: e.keep, link: e.link, heading: e.head, caption: e.capt > 0})
	e.cur = e.cur[:0]
	e.link = 0
}

func (e *emitter) text(t string) {
	x := extractor{cur: e.cur, space: e.space}
	before := len(x.cur)
	x.addText([]byte(t))
	if e.inA > 0 {
		e.link += len(x.cur) - before
	}
	e.cur, e.space = x.cur, x.space
}

// emit writes the paragraphs of the page: those under a kept container
// and not marked are the main text.
func (d *doc) emit(n *html.Node, e *emitter, keep map[*html.Node]bool, inKeep bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			e.text(c.Data)
		case html.ElementNode:
			mk := d.marks[c]
			if mk == markDrop || dropAtoms[c.DataAtom] {
				continue
			}
			k := inKeep
			if keep[c] {
				k = true
			}
			if mk == markBoiler {
				k = false
			}
			block := blockAtoms[c.DataAtom] || c.DataAtom == atom.Br
			if block || k != e.keep {
				e.flush()
			}
			saveKeep, saveHead := e.keep, e.head
			e.keep = k
			switch c.DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				e.head = true
			case atom.A:
				e.inA++
			case atom.Figure, atom.Figcaption:
				e.capt++
			}
			d.emit(c, e, keep, k)
			switch c.DataAtom {
			case atom.A:
				e.inA--
			case atom.Figure, atom.Figcaption:
				e.capt--
			}
			if block || k != saveKeep {
				e.flush()
			}
			e.keep, e.head = saveKeep, saveHead
		}
	}
}

// minAlts is how many near-best candidates make their common ancestor the
// article.
const minAlts = 3

// A furniture element (a <form>, a "header-wrapper" div) holding at least
// wrapperParas paragraphs and wrapperText bytes of unlinked text wraps the
// article and is not furniture.
const (
	wrapperParas = 5
	wrapperText  = 1500
)
