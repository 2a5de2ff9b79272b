package boilerplate

// The rules of Clean. Each looks at a line and a bounded neighbourhood, so
// that a run is linear in the length of the text.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r))
}

// cleaner holds one run of Clean: the lines, what is known of the title,
// and scratch space. Each rule sets line.reason on the lines it removes and
// never clears one another rule set.
type cleaner struct {
	lex   *lexicon
	opts  *Options
	ls    []line
	title string // folded title
	tidx  int    // index of the title line, or -1
	w     words  // scratch
}

func (c *cleaner) kept(i int) bool { return c.ls[i].reason == "" && c.ls[i].text != "" }

func (c *cleaner) run() {
	// Evidence from the line alone.
	for i := range c.ls {
		if c.ls[i].text != "" {
			c.ls[i].reason = c.lineReason(&c.ls[i])
		}
	}
	c.findTitle()
	c.repeatedTitles()
	first, _ := c.substantive()
	c.teaserBlocks(first)
	if c.opts.Repeats != nil && c.opts.Outlet != "" {
		for i := range c.ls {
			if c.kept(i) && i != c.tidx && c.opts.Repeats.IsFurniture(c.opts.Outlet, c.ls[i].text) {
				c.ls[i].reason = ReasonRepeatedPage
			}
		}
	}
	first, last := c.substantive()
	if *c.opts.Menus {
		c.menus(first, last)
	}
	if *c.opts.Bylines {
		for i := range c.ls {
			if (i < first || i > last) && c.kept(i) && c.byline(&c.ls[i]) {
				c.ls[i].reason = ReasonByline
			}
		}
	}
	c.comments(first)
	_, last = c.substantive()
	c.tail(last)
}

// comments removes a reader-comment section: a comment heading after the
// story's first substantive paragraph, followed within eight lines by at
// least two lines of comment metadata ("<name> says:", "2 days ago",
// "Reply"), and everything after it. Comments are prose, so the story's end
// cannot be told from them by shape; the heading and the metadata can.
func (c *cleaner) comments(first int) {
	for i := first + 1; i < len(c.ls); i++ {
		l := &c.ls[i]
		if l.text == "" || l.words > 15 || l.term && !strings.HasSuffix(l.text, ":") || !c.commentHeading(l.folded) {
			continue
		}
		meta, strong := 0, 0
		for j, seen := i+1, 0; j < len(c.ls) && seen < 8; j++ {
			if c.ls[j].text == "" {
				continue
			}
			seen++
			if m := c.commentMeta(&c.ls[j]); m > 0 {
				meta++
				if m > 1 {
					strong++
				}
			}
		}
		// Reply and like buttons alone also make a social bar inside a story.
		if meta < 2 || strong == 0 {
			continue
		}
		for j := i; j < len(c.ls); j++ {
			if c.ls[j].text != "" && (c.ls[j].reason == "" || j == i) {
				c.ls[j].reason = ReasonComments
			}
		}
		return
	}
}

// commentHeading reports whether folded f opens a comment section:
// numbers, then a comment heading, then at most a short rest ("34
// responses to <title>").
func (c *cleaner) commentHeading(f string) bool {
	w := c.w.reset(f)
	i := 0
	for i < w.len() && isNumber(w.span(i, 1)) {
		i++
	}
	if i == w.len() {
		return false
	}
	n := longest(&c.lex.commentHeads, w, i)
	if n == 0 {
		return false
	}
	for k := i + n; k < w.len(); k++ {
		if !isNumber(w.span(k, 1)) {
			// A rest only after "responses to", "comments on", ...
			switch w.span(i+n-1, 1) {
			case "to", "on", "zu", "sur", "a", "на", "على":
				return true
			}
			return false
		}
	}
	return true
}

// commentMeta grades l as comment metadata: 2 for "<name> says:" or a
// short line with a digit and an ago-word ("2 days ago", "at 9:14 am"), 1
// for a line of reply-words and numbers ("Reply", "Rating: 3 Votes"), 0
// for anything else.
func (c *cleaner) commentMeta(l *line) int {
	if l.words > 12 || l.folded == "" {
		return 0
	}
	w := c.w.reset(l.folded)
	if strings.HasSuffix(strings.TrimSpace(l.text), ":") {
		for k := 1; k <= 2 && k <= w.len(); k++ {
			if c.lex.commentMeta.has(w.span(w.len()-k, k)) {
				return 2
			}
		}
	}
	all, hit := true, false
	for i := 0; i < w.len(); {
		if isNumber(w.span(i, 1)) {
			i++
			continue
		}
		n := longest(&c.lex.commentMeta, w, i)
		if n == 0 {
			all = false
			if !l.digit {
				break
			}
			i++
			continue
		}
		if l.digit {
			return 2
		}
		hit = true
		i += n
	}
	if all && hit {
		return 1
	}
	return 0
}

// lineReason returns the reason line l alone is furniture, or "".
func (c *cleaner) lineReason(l *line) string {
	f := l.folded
	if f == "" {
		return ""
	}
	if c.isHeading(l) {
		return ReasonTeaserBlock
	}
	if l.words <= 12 && (!l.term || strings.HasSuffix(l.text, ":")) && !hasQuote(l.text) && c.uiCover(f) {
		return ReasonUI
	}
	if r := c.notice(l); r != "" {
		return r
	}
	if l.words <= 40 && c.credit(l) {
		return ReasonCredit
	}
	if c.crossLink(l) != "" {
		return ReasonCrossLink
	}
	return ""
}

// isHeading reports whether l is the heading of a teaser block.
func (c *cleaner) isHeading(l *line) bool {
	if l.words > 8 || l.term && !strings.HasSuffix(l.text, ":") {
		return false
	}
	if c.lex.headings.has(l.folded) {
		return true
	}
	// "More from <site>", "Mehr aus <Ressort>": a heading ending in a
	// preposition, then a short name.
	w := c.w.reset(l.folded)
	n := longest(&c.lex.headings, w, 0)
	if n == 0 || w.len()-n > 4 {
		return false
	}
	switch w.span(n-1, 1) {
	case "from", "in", "on", "aus", "von", "de", "du", "del", "da", "di", "из", "от", "في", "من":
		return true
	}
	return false
}

// uiCover reports whether folded line f is made only of UI strings and
// fillers, with at least one UI string; numbers (counts) are skipped.
func (c *cleaner) uiCover(f string) bool {
	if c.lex.headings.has(f) {
		return false // handled as a teaser heading
	}
	w := c.w.reset(f)
	core := false
	for i := 0; i < w.len(); {
		if isNumber(w.span(i, 1)) {
			i++
			continue
		}
		n := longest(&c.lex.ui, w, i)
		if n > 0 {
			core = true
			i += n
			continue
		}
		if n = longest(&c.lex.fill, w, i); n > 0 {
			i += n
			continue
		}
		return false
	}
	return core
}

// words indexes the words of a folded string without copying them.
type words struct {
	s string
	b []int // start of each word, then len(s)+1
}

func (w *words) reset(s string) *words {
	w.s, w.b = s, w.b[:0]
	if s == "" {
		return w
	}
	w.b = append(w.b, 0)
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			w.b = append(w.b, i+1)
		}
	}
	w.b = append(w.b, len(s)+1)
	return w
}

func (w *words) len() int { return max(0, len(w.b)-1) }

// span returns words i to i+n-1, joined by single spaces.
func (w *words) span(i, n int) string { return w.s[w.b[i] : w.b[i+n]-1] }

// longest returns the word count of the longest phrase of s that the words
// from i on start with, or 0.
func longest(s *phraseSet, w *words, i int) int {
	for n := min(s.maxWords, w.len()-i); n > 0; n-- {
		if s.has(w.span(i, n)) {
			return n
		}
	}
	return 0
}

// hasPhrase reports whether any run of words is a phrase of s.
func hasPhrase(s *phraseSet, w *words) bool {
	for i := range w.len() {
		if longest(s, w, i) > 0 {
			return true
		}
	}
	return false
}

// hasAlnum reports whether s holds a letter or digit.
func hasAlnum(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// hasQuote reports whether s holds a quotation mark: dialogue, not UI.
func hasQuote(s string) bool { return strings.ContainsAny(s, "\"“”„«»‘’'") }

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// credit reports whether l is a photo or text credit.
func (c *cleaner) credit(l *line) bool {
	s := strings.TrimSpace(strings.Trim(l.text, "()[]"))
	f := l.folded // brackets fold to nothing
	if f == "" {
		return false
	}
	if c.lex.agencies.has(f) {
		return true
	}
	// "© Agency", "(c) Name", "Copyright 2024 ..."
	if l.words <= 12 && (strings.HasPrefix(s, "©") || strings.HasPrefix(l.text, "(c)") || strings.HasPrefix(l.text, "(C)") || strings.HasPrefix(s, "Ⓒ") || strings.HasPrefix(s, "ⓒ")) {
		return true
	}
	// "Photo: ...", "Image credit: ...", "Foto / dpa"
	if l.words <= 20 {
		if k := strings.IndexAny(s, ":/|"); k > 0 && k <= 40 && c.lex.credits.has(fold(s[:k])) && hasAlnum(s[k+1:]) {
			return true
		}
		// "Photo by Jane Doe"
		if before, _, ok := strings.Cut(f, " by "); ok && c.lex.credits.has(before) && !l.term {
			return true
		}
	}
	// A caption or credit closed by an agency: "... (AP Photo/Jane Doe)",
	// "... REUTERS/Jane Doe", "... / AFP", "(Getty Images)".
	if k := strings.LastIndexAny(s, "(["); k >= 0 && l.words <= 60 {
		inner := strings.Trim(s[k+1:], ")] .")
		if c.creditText(inner) {
			return true
		}
	}
	if l.words <= 40 && strings.ContainsAny(s, "/|") {
		// The last six words: "... REUTERS/Jane Doe", "... Jane Doe / AFP".
		start := len(s)
		for k := 0; k < 6; k++ {
			j := strings.LastIndexByte(s[:start], ' ')
			if j < 0 {
				start = 0
				break
			}
			start = j
		}
		tail := s[start:]
		for _, piece := range strings.FieldsFunc(tail, func(r rune) bool { return r == '/' || r == '|' }) {
			if pf := fold(piece); c.lex.agencies.has(pf) || c.lex.agencies.has(lastWords(pf, 2)) || c.lex.agencies.has(firstWords(pf, 2)) {
				return true
			}
		}
	}
	return false
}

// creditText reports whether s (the inside of a bracket) is a credit.
func (c *cleaner) creditText(s string) bool {
	f := fold(s)
	if c.lex.agencies.has(f) {
		return true
	}
	if k := strings.IndexAny(s, ":/"); k > 0 {
		if h := fold(s[:k]); c.lex.credits.has(h) || c.lex.agencies.has(h) || c.lex.agencies.has(fold(s[k+1:])) {
			return true
		}
	}
	return false
}

// lastWords returns the last n words of folded f.
func lastWords(f string, n int) string {
	i := len(f)
	for ; n > 0; n-- {
		j := strings.LastIndexByte(f[:i], ' ')
		if j < 0 {
			return f
		}
		i = j
	}
	return f[i+1:]
}

// firstWords returns the first n words of folded f.
func firstWords(f string, n int) string {
	i := 0
	for ; n > 0; n-- {
		j := strings.IndexByte(f[i:], ' ')
		if j < 0 {
			return f
		}
		i += j + 1
	}
	return f[:i-1]
}

// notice returns ReasonRights, ReasonCookie or ReasonPrompt for a rights
// notice, a cookie notice or a prompt to the reader.
func (c *cleaner) notice(l *line) string {
	f := l.folded
	if l.words > 80 {
		return ""
	}
	w := c.w.reset(f)
	// A single-word marker ("copyright") only opens the line.
	if l.words <= 30 && (longest(&c.lex.rights, w, 0) > 0 || multiwordHit(&c.lex.rights, w)) {
		return ReasonRights
	}
	if strings.Contains(f, "cookie") || strings.Contains(f, "çerez") {
		if hasPhrase(&c.lex.cookies, w) {
			return ReasonCookie
		}
	}
	if l.words <= 20 && hasPhrase(&c.lex.prompts, w) {
		return ReasonPrompt
	}
	return ""
}

func multiwordHit(s *phraseSet, w *words) bool {
	for i := range w.len() {
		if n := longest(s, w, i); n > 1 {
			return true
		}
	}
	return false
}

// crossLink returns the rest of a line "<prefix>: <rest>" whose prefix is
// a cross-link or share label and whose rest is a headline, or "".
func (c *cleaner) crossLink(l *line) string {
	s := l.text
	k := -1
	for _, sep := range []string{":", " - ", " – ", " — ", " | ", "»", "›", " >"} {
		if j := strings.Index(s, sep); j > 0 && (k < 0 || j < k) {
			k = j
		}
	}
	if k <= 0 || k > 60 {
		return ""
	}
	head := fold(s[:k])
	if head == "" || !c.lex.prefixes.has(head) {
		return ""
	}
	rest := strings.TrimLeft(s[k:], ":-–—|»›> ")
	m := measure(rest)
	if rest == "" || m.words > 25 || m.words > 12 && m.term && !m.ellipsis {
		return ""
	}
	return rest
}

// findTitle sets the folded title: Options.Title, else the first of the
// first three kept lines that has two to MaxTitleWords words and ends in
// neither a sentence stop nor an ellipsis (a one-word section label may
// come before the headline).
func (c *cleaner) findTitle() {
	c.tidx = -1
	if c.opts.Title != "" {
		c.title = fold(c.opts.Title)
		// The first line that is the title is the title itself.
		for i := range c.ls {
			if c.kept(i) && c.ls[i].folded != "" && c.sameTitle(c.ls[i].folded, false) {
				c.tidx = i
				break
			}
		}
		return
	}
	seen := 0
	for i := 0; i < len(c.ls) && seen < 3; i++ {
		if !c.kept(i) {
			continue
		}
		seen++
		l := &c.ls[i]
		if l.words >= 2 && l.words <= c.opts.MaxTitleWords && !l.ellipsis && !l.term && l.folded != "" {
			c.title, c.tidx = l.folded, i
			return
		}
	}
}

// repeatedTitles removes later copies of the title: alone, after a share
// or cross-link label ("Sharing: <title>"), or with a site name after it.
func (c *cleaner) repeatedTitles() {
	if c.title == "" {
		return
	}
	for i := range c.ls {
		l := &c.ls[i]
		if i == c.tidx || l.text == "" || l.folded == "" {
			continue
		}
		if l.reason != "" && l.reason != ReasonCrossLink {
			continue
		}
		if c.sameTitle(l.folded, l.ellipsis) {
			if c.tidx >= 0 && i < c.tidx {
				continue
			}
			l.reason = ReasonRepeatTitle
			continue
		}
		if rest := c.crossLink(l); rest != "" && c.sameTitle(fold(rest), true) {
			l.reason = ReasonRepeatTitle
		}
	}
}

// sameTitle reports whether folded f is the title, a cut-off start of it
// (of at least 20 bytes, when cut says the line was cut), or the title
// followed by a short site name.
func (c *cleaner) sameTitle(f string, cut bool) bool {
	t := c.title
	switch {
	case f == t:
		return true
	case cut && len(f) >= 20 && strings.HasPrefix(t, f):
		return true
	case strings.HasPrefix(f, t+" "):
		return strings.Count(f[len(t):], " ") <= 4
	}
	return false
}

// headlineLike reports whether l looks like a teaser headline or abstract.
func (c *cleaner) headlineLike(l *line) bool {
	return l.words <= c.opts.MaxTeaserWords && !l.term || l.ellipsis && l.words <= 80
}

// teaserBlocks removes, after each teaser heading, the headlines, "…"
// abstracts and dates that follow it. Before the story's first substantive
// paragraph (first) only "…" abstracts go with the heading: a plain
// headline there may be the article's own title. Abstracts that end a
// sentence stop the block: they cannot be told from the story resuming.
func (c *cleaner) teaserBlocks(first int) {
	n := len(c.ls)
	for i := 0; i < n; i++ {
		if c.ls[i].reason != ReasonTeaserBlock {
			continue
		}
		for j := i + 1; j < n; j++ {
			l := &c.ls[j]
			if l.text == "" {
				continue
			}
			if l.reason != "" {
				if l.reason == ReasonTeaserBlock {
					break
				}
				continue
			}
			if !(l.ellipsis && l.words <= 80 || i > first && (c.headlineLike(l) || askingHeadline(l, c.opts.MaxTeaserWords))) {
				break
			}
			l.reason = ReasonTeaserBlock
		}
	}
}

// askingHeadline reports whether l is a headline ending in "?" or "!";
// with a quotation mark it is more likely dialogue.
func askingHeadline(l *line, maxWords int) bool {
	if l.words > maxWords || l.text == "" || hasQuote(l.text) {
		return false
	}
	t := strings.TrimRight(l.text, "\"'”’»)")
	return strings.HasSuffix(t, "?") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "؟")
}

// menus removes runs of at least MenuRun kept lines of one to three words
// with no digit and no final punctuation, and single lines of four or more
// short parts separated by "|", "·", "•".
func (c *cleaner) menus(first, last int) {
	short := func(i int) bool {
		l := &c.ls[i]
		return (i < first || i > last) && l.reason == "" && l.text != "" && l.words <= 3 &&
			!l.term && !l.ellipsis && (!l.digit || countSuffix(l.text)) && !startsLower(l.text)
	}
	for i := 0; i < len(c.ls); {
		j := i
		for j < len(c.ls) && short(j) {
			j++
		}
		if j-i >= c.opts.MenuRun {
			for k := i; k < j; k++ {
				if k != c.tidx {
					c.ls[k].reason = ReasonMenu
				}
			}
		}
		i = max(j, i+1)
	}
	for i := range c.ls {
		l := &c.ls[i]
		if l.reason != "" || l.words > 40 || l.term {
			continue
		}
		parts := strings.FieldsFunc(l.text, func(r rune) bool { return r == '|' || r == '·' || r == '•' })
		if len(parts) < 4 {
			continue
		}
		ok := true
		for _, p := range parts {
			if m := measure(strings.TrimSpace(p)); m.words == 0 || m.words > 4 || m.term {
				ok = false
				break
			}
		}
		if ok {
			l.reason = ReasonMenu
		}
	}
}

// countSuffix reports whether the only digits of s are a final count in
// brackets: "Archives (12)".
func countSuffix(s string) bool {
	k := strings.LastIndexAny(s, "([")
	if k < 0 || strings.IndexFunc(s[:k], unicode.IsDigit) >= 0 {
		return false
	}
	inner := strings.Trim(s[k+1:], ")] ")
	return inner != "" && isNumber(inner)
}

// startsLower reports whether s starts with a lower-case letter.
func startsLower(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsLower(r)
		}
	}
	return false
}

// substantive returns the indexes of the first and last substantive
// paragraphs of the story (kept, long or a long-enough sentence, not a
// "…" teaser); first is len(ls) and last -1 when there is none.
func (c *cleaner) substantive() (first, last int) {
	first, last = len(c.ls), -1
	w := c.opts.SubstantiveWords
	for i := range c.ls {
		l := &c.ls[i]
		if !c.kept(i) || l.ellipsis {
			continue
		}
		if l.term && l.words >= w/2 || l.words >= 5*w/3 {
			first = min(first, i)
			last = i
		}
	}
	return first, last
}

// byline reports whether l is "By <names>" in one of the lexicon's
// languages: a short line opening with a byline word, then at least two
// capitalized words (or an agency), no sentence end.
func (c *cleaner) byline(l *line) bool {
	if l.words > 10 || l.term && !strings.HasSuffix(l.text, ".") || l.folded == "" {
		return false
	}
	w := c.w.reset(l.folded)
	n := longest(&c.lex.bylines, w, 0)
	if n == 0 || n >= w.len() {
		return false
	}
	orig := strings.Fields(l.text)
	first, _ := utf8.DecodeRuneInString(orig[0])
	if !unicode.IsUpper(first) && !unicode.Is(unicode.Arabic, first) {
		return false
	}
	if c.lex.agencies.has(w.span(n, w.len()-n)) {
		return true
	}
	caps := 0
	for _, w := range orig[min(n, len(orig)):] {
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "(\"'“"))
		switch {
		case unicode.IsUpper(r) || unicode.Is(unicode.Arabic, r):
			caps++
		case unicode.IsLower(r) && len(w) > 4 && !strings.Contains(w, "@"):
			return false // a sentence, not a list of names
		}
	}
	return caps >= 2
}

// tail removes what follows the story's end (line last): once a furniture
// line appears after the last substantive paragraph, every later line is
// furniture; two or more "…" abstracts there are teasers, with the
// headline before the first.
func (c *cleaner) tail(last int) {
	n := len(c.ls)
	start := -1
	ell := 0
	for i := last + 1; i < n; i++ {
		if c.kept(i) && c.ls[i].ellipsis {
			ell++
		}
	}
	for i := last + 1; i < n; i++ {
		l := &c.ls[i]
		if l.text == "" {
			continue
		}
		if l.reason != "" && l.reason != ReasonByline && l.reason != ReasonRepeatTitle {
			start = i
			break
		}
		if ell >= 2 && l.ellipsis {
			start = i
			if i > last+1 && c.kept(i-1) && c.headlineLike(&c.ls[i-1]) {
				start = i - 1
			}
			break
		}
	}
	if start < 0 || last < 0 {
		return
	}
	for i := start; i < n; i++ {
		if c.kept(i) && c.ls[i].folded != "" {
			if c.ls[i].ellipsis {
				c.ls[i].reason = ReasonTeaser
			} else {
				c.ls[i].reason = ReasonAfterEnd
			}
		}
	}
}
