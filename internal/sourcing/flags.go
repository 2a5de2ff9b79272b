package sourcing

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/knowledge"
	"github.com/parallax-news/parallax/internal/quote"
)

// anonymousSources flags quotations and statements credited to unnamed
// people. Plural background attributions in the writer's own words
// ("officials have warned", "observers say") are common and are not
// flagged alone; what is flagged is a quotation (direct or partial) from
// an unnamed source, and a source the text marks as unnamed ("an unnamed
// diplomat", "a source who spoke on condition of anonymity").
func anonymousSources(in Input, ws []word) (Flag, bool) {
	f := Flag{Kind: AnonymousSource}
	for _, q := range in.Quotes {
		if q.Anonymous && q.Source.Len() > 0 && (q.Kind == quote.Direct || q.Kind == quote.Partial) {
			f.Evidence = append(f.Evidence, q.Source)
		}
	}
	anon := knowledge.Anonymous()
	low := lowers(ws)
	for i := 0; i < len(ws); i++ {
		if m, ok := anon.Modifier(low[i]); ok && m.Class == knowledge.AnonMarker {
			// a marker ("unnamed") then a head within three words
			for j := i + 1; j < len(ws) && j <= i+3; j++ {
				if sameLine(in.Text, ws[i].end, ws[j].start) && anonHead(anon, low[j]) {
					start := i
					if i > 0 {
						if d, ok := anon.Modifier(low[i-1]); ok && d.Class == knowledge.AnonDeterminer {
							start = i - 1
						}
					}
					f.Evidence = append(f.Evidence, article.Span{Start: ws[start].start, End: ws[j].end})
					i = j
					break
				}
			}
			continue
		}
		if m, ok := anon.MatchPhrase(low[i:min(len(low), i+10)]); ok && m.Phrase.Class == knowledge.AnonAnonymity {
			f.Evidence = append(f.Evidence, article.Span{Start: ws[i].start, End: ws[i+m.Words-1].end})
			i += m.Words - 1
		}
	}
	f.Evidence = dedupe(f.Evidence)
	return f, len(f.Evidence) > 0
}

func anonHead(t *knowledge.AnonTable, w string) bool {
	_, ok := t.Head(w)
	return ok
}

func sameLine(text string, from, to int) bool {
	return from <= to && to <= len(text) && strings.IndexByte(text[from:to], '\n') < 0
}

// noDirectQuotes flags an article of some length that reports what people
// said only in the writer's words: not one quotation.
func noDirectQuotes(in Input, c Counts) (Flag, bool) {
	const minWords, minReported = 250, 3
	if c.Words < minWords || c.ReportedSpeech < minReported || c.DirectQuotes+c.PartialQuotes > 0 {
		return Flag{}, false
	}
	f := Flag{Kind: NoDirectQuotes, Note: fmt.Sprintf("%d statements in reported speech, no quotation", c.ReportedSpeech)}
	for _, q := range in.Quotes {
		if q.Kind == quote.Reported && q.Cue.Len() > 0 {
			s := q.Cue
			if q.Source.Len() > 0 && q.Source.Start < s.Start {
				s.Start = q.Source.Start
			}
			f.Evidence = append(f.Evidence, s)
		}
	}
	return f, true
}

// findCounters finds the counters that chat-style text generators glue
// to their sources: "+9", "/+15", "+ 1", "/plus15". It returns what
// regexp `(?:/\s?)?(?:\+\s?\d{1,3}|plus\d{1,3})\b` finds with
// FindAllStringIndex (the tests check), scanning by hand: a match starts
// at a '/', '+' or "plus", all ASCII.
func findCounters(text string) [][]int {
	var out [][]int
	for p := 0; p < len(text); p++ {
		c := text[p]
		if c != '/' && c != '+' && c != 'p' {
			continue
		}
		if e := counterAt(text, p); e >= 0 {
			out = append(out, []int{p, e})
			p = e - 1
		}
	}
	return out
}

// counterAt returns the end of a counter starting at p, or -1.
func counterAt(s string, p int) int {
	if s[p] == '/' {
		if q := p + 1; q < len(s) && isRESpace(s[q]) {
			if e := counterCore(s, q+1); e >= 0 {
				return e
			}
		}
		return counterCore(s, p+1)
	}
	return counterCore(s, p)
}

// counterCore matches `\+\s?\d{1,3}\b|plus\d{1,3}\b` at q.
func counterCore(s string, q int) int {
	switch {
	case q < len(s) && s[q] == '+':
		if r := q + 1; r < len(s) && isRESpace(s[r]) {
			return counterDigits(s, r+1)
		}
		return counterDigits(s, q+1)
	case strings.HasPrefix(s[q:], "plus"):
		return counterDigits(s, q+4)
	}
	return -1
}

// counterDigits matches `\d{1,3}\b` at r: one to three digits and no word
// character (ASCII letter, digit or '_') after them.
func counterDigits(s string, r int) int {
	e := r
	for e < len(s) && isDigitByte(s[e]) {
		e++
	}
	if e == r || e-r > 3 {
		return -1
	}
	if e < len(s) && (isASCIIAlnum(s[e]) || s[e] == '_') {
		return -1
	}
	return e
}

// isRESpace reports whether regexp's \s matches c.
func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// garbledCitations flags citation junk: reference counters glued to
// source names or domains ("theguardian.com +9", "reuters.com/+15",
// "wsj.com + 1"). A counter after a plain word can be a golf score or a
// phone number, so it counts only when the article also has one after a
// domain or an outlet.
func garbledCitations(text string, ws []word, cites []Citation) (Flag, bool) {
	f := Flag{Kind: GarbledCitations}
	anchored := false
	byEnd := make(map[int]Citation, len(cites))
	for _, c := range cites {
		byEnd[c.Span.End] = c
	}
	var counters [][]int
	// a counter needs a '+' or "plus"; most texts have neither.
	if strings.Contains(text, "+") || strings.Contains(text, "plus") {
		counters = findCounters(text)
	}
	for _, m := range counters {
		// the token before: skip spaces back to its end
		end := m[0]
		for end > 0 && text[end-1] == ' ' {
			end--
		}
		if end == 0 || end < m[0]-1 {
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(text[:end]); unicode.IsDigit(r) || !(unicode.IsLetter(r) || r == '/') {
			continue // arithmetic, a score, a phone number
		}
		if m[1] < len(text) {
			if r, _ := utf8.DecodeRuneInString(text[m[1]:]); r == '%' || r == '.' && m[1]+1 < len(text) && isDigitByte(text[m[1]+1]) {
				continue // "+5%", "+1.5"
			}
		}
		start := -1
		if c, ok := byEnd[m[1]]; ok && c.Kind == CiteURL {
			start, anchored = c.Span.Start, true // "https://site.com/+15"
		} else if c, ok := byEnd[end]; ok && c.Kind != CiteURL {
			start, anchored = c.Span.Start, true
		} else if c, ok := byEnd[end-1]; ok && c.Kind != CiteURL && text[end-1] == '/' {
			start, anchored = c.Span.Start, true // "site.com/+15"
		}
		if start < 0 {
			w := wordEndingAt(ws, end)
			if w < 0 {
				continue
			}
			r, _ := utf8.DecodeRuneInString(text[ws[w].start:])
			if !unicode.IsUpper(r) && !knownOutletWord(ws[w].lower) {
				continue
			}
			if knownOutletWord(ws[w].lower) {
				anchored = true
			}
			// a name of several capitalized words ("Corriere Nord +7")
			for k := w - 1; k >= 0 && k >= w-3 && sameLine(text, ws[k].end, ws[k+1].start) && ws[k+1].start-ws[k].end == 1; k-- {
				if r, _ := utf8.DecodeRuneInString(text[ws[k].start:]); !unicode.IsUpper(r) {
					break
				}
				w = k
			}
			start = ws[w].start
		}
		f.Evidence = append(f.Evidence, article.Span{Start: start, End: m[1]})
	}
	return f, anchored && len(f.Evidence) > 0
}

func isDigitByte(b byte) bool { return '0' <= b && b <= '9' }

// wordEndingAt returns the index of the word ending at byte end, or -1.
func wordEndingAt(ws []word, end int) int {
	lo, hi := 0, len(ws)
	for lo < hi {
		m := (lo + hi) / 2
		if ws[m].end < end {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(ws) && ws[lo].end == end {
		return lo
	}
	return -1
}

// knownOutletWord reports whether a lowercase word is an outlet's name or
// alias that is not an acronym ("reuters", "bloomberg").
func knownOutletWord(w string) bool {
	if len(w) < 3 {
		return false
	}
	_, ok := knowledge.Outlets().Lookup(w)
	return ok
}

// placeholderLinks flags link text left without its link. A phrase that
// ends in "here" counts only where a link would end: before punctuation,
// the end of the line, or "and here".
func placeholderLinks(text string, ws []word) (Flag, bool) {
	f := Flag{Kind: PlaceholderLinks}
	low := lowers(ws)
	l := lex()
	for i := 0; i < len(ws); i++ {
		n := l.placeholders.match(low[i:])
		if n == 0 {
			continue
		}
		s := article.Span{Start: ws[i].start, End: ws[i+n-1].end}
		if !sameLine(text, s.Start, s.End) {
			continue
		}
		if low[i+n-1] == "here" && low[i] != "click" && low[i] != "tap" {
			rest := strings.TrimLeft(text[s.End:], " ")
			if rest != "" {
				r, _ := utf8.DecodeRuneInString(rest)
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					continue
				}
			}
		}
		f.Evidence = append(f.Evidence, s)
		i += n - 1
	}
	for _, p := range []string{"[link]", "(link)", "[url]", "(url)"} {
		for off := 0; ; {
			k := indexFold(text[off:], p)
			if k < 0 {
				break
			}
			f.Evidence = append(f.Evidence, article.Span{Start: off + k, End: off + k + len(p)})
			off += k + len(p)
		}
	}
	return f, len(f.Evidence) > 0
}

// indexFold is strings.Index ignoring ASCII case.
func indexFold(s, sub string) int {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		if strings.EqualFold(s[i:i+n], sub) {
			return i
		}
	}
	return -1
}

// misspelledDomains flags cited domains that are not an outlet's but lie
// within a small edit distance of one: of a listed outlet domain, or of a
// name the same article cites more often ("dailyglobes.com" once beside
// "dailyglobe.com" three times).
func misspelledDomains(text string, ws []word, cites []Citation) (Flag, bool) {
	f := Flag{Kind: MisspelledDomain}
	outlets := knowledge.Outlets()
	// how often each name is cited or written, by its lowercase form
	freq := map[string]int{}
	for _, c := range cites {
		if c.Domain != "" {
			freq[domainName(c.Domain)] = 0
		}
	}
	for _, w := range ws {
		if _, ok := freq[w.lower]; ok {
			freq[w.lower]++
		}
	}
	var notes []string
	for _, c := range cites {
		if c.Known || c.Domain == "" {
			continue
		}
		name := domainName(c.Domain)
		maxDist := 1
		if len(name) >= 8 {
			maxDist = 2
		}
		if len(name) < 5 {
			continue // short names are close to too much
		}
		if m, ok := outlets.NearestDomain(c.Domain, maxDist); ok && m.Distance > 0 {
			f.Evidence = append(f.Evidence, c.Span)
			notes = append(notes, fmt.Sprintf("%s: did you mean %s (%s)?", c.Domain, m.Domain, m.Outlet.Name))
			continue
		}
		if freq[name] > 1 {
			continue
		}
		for other, n := range freq {
			if other == name || n < 2 || len(other) < 8 {
				continue
			}
			if d := osa(name, other, maxDist); d > 0 && d <= maxDist {
				f.Evidence = append(f.Evidence, c.Span)
				notes = append(notes, fmt.Sprintf("%s: the article cites %s %d times", c.Domain, other, n))
				break
			}
		}
	}
	f.Note = strings.Join(notes, "; ")
	return f, len(f.Evidence) > 0
}

// domainName returns the registrable name of a domain without its public
// suffix: "news.sky.com" → "sky", "bbc.co.uk" → "bbc".
func domainName(d string) string {
	labels := strings.Split(strings.TrimSuffix(d, "."), ".")
	i := len(labels) - 2
	if i > 0 && len(labels[i]) <= 3 && (labels[i] == "co" || labels[i] == "com" || labels[i] == "org" || labels[i] == "net" || labels[i] == "gov" || labels[i] == "ac") {
		i--
	}
	if i < 0 {
		return d
	}
	return labels[i]
}

// osa is the optimal string alignment distance of a and b (runes), or
// max+1 when it exceeds max.
func osa(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if prev[len(rb)] > max {
		return max + 1
	}
	return prev[len(rb)]
}

// strayForeignWords flags words of another language in English text: a
// function word or page-furniture word of the foreign lists that is not
// also English, or a long word with a typically German ending that is
// neither English nor a name. Words inside quotations (often quoted on
// purpose) and words of entity mentions (names) are skipped, and a word
// next to another foreign word is part of a foreign phrase, not stray.
func strayForeignWords(in Input, ws []word) (Flag, bool) {
	f := Flag{Kind: StrayForeignWord}
	l := lex()
	inQuote := quotedMask(in)
	foreign := func(i int) (string, bool) {
		w := ws[i]
		raw := in.Text[w.start:w.end]
		if knowledge.CommonWord(strings.ToLower(raw)) || knowledge.CommonWord(w.lower) || inQuote(w.start) || inName(in, ws, i) {
			return "", false
		}
		first, _ := utf8.DecodeRuneInString(raw)
		upper := unicode.IsUpper(first)
		if lang, ok := l.foreign[w.lower]; ok {
			if !upper || utf8.RuneCountInString(raw) >= 6 {
				return lang, !isName(raw)
			}
			return "", false
		}
		if utf8.RuneCountInString(w.lower) < 10 {
			return "", false
		}
		for suf, lang := range l.suffixes {
			if strings.HasSuffix(w.lower, suf) && !strings.ContainsAny(w.lower, "-'0123456789") && !isName(raw) {
				return lang, true
			}
		}
		return "", false
	}
	var notes []string
	for i := range ws {
		lang, ok := foreign(i)
		if !ok {
			continue
		}
		// part of a phrase of that language ("Der Spiegel", a quoted title)
		if i > 0 && sameLine(in.Text, ws[i-1].end, ws[i].start) {
			if l2, ok := l.foreign[ws[i-1].lower]; ok && l2 == lang && !knowledge.CommonWord(ws[i-1].lower) {
				continue
			}
		}
		if i+1 < len(ws) && sameLine(in.Text, ws[i].end, ws[i+1].start) {
			if l2, ok := l.foreign[ws[i+1].lower]; ok && l2 == lang && !knowledge.CommonWord(ws[i+1].lower) {
				continue
			}
		}
		f.Evidence = append(f.Evidence, article.Span{Start: ws[i].start, End: ws[i].end})
		notes = append(notes, lang+": "+in.Text[ws[i].start:ws[i].end])
	}
	f.Note = strings.Join(notes, "; ")
	return f, len(f.Evidence) > 0
}

func isName(w string) bool {
	if ok, _ := knowledge.GivenName(w); ok {
		return true
	}
	return knowledge.Surname(w) || len(knowledge.LookupPlace(w)) > 0
}

// quotedMask returns a test of whether an offset lies inside a quotation.
func quotedMask(in Input) func(int) bool {
	var spans []article.Span
	for _, q := range in.Quotes {
		if q.Kind == quote.Direct || q.Kind == quote.Partial {
			spans = append(spans, q.Content...)
		}
	}
	return func(off int) bool {
		for _, s := range spans {
			if s.Start <= off && off < s.End {
				return true
			}
		}
		return false
	}
}

// inName reports whether word i belongs to a name mention that is more
// than that word and common English words. A foreign word glued to an
// English word ("Aktualisierung Sources") makes a capitalized run that a
// recognizer may take for a name; the run is no name of its own, and the
// word stays stray. A one-word mention shields its word.
func inName(in Input, ws []word, i int) bool {
	d := in.Entities
	if d == nil {
		return false
	}
	start, end := ws[i].start, ws[i].end
	for _, m := range d.Mentions {
		if !(m.Start < end && start < m.End && m.Form == entity.Name) {
			continue
		}
		if m.Start >= start && m.End <= end {
			return true
		}
		for j := i - 1; j >= 0 && ws[j].start >= m.Start; j-- {
			if !knowledge.CommonWord(ws[j].lower) {
				return true
			}
		}
		for j := i + 1; j < len(ws) && ws[j].end <= m.End; j++ {
			if !knowledge.CommonWord(ws[j].lower) {
				return true
			}
		}
	}
	return false
}

// loadedLanguage flags an article whose loaded words in the writer's own
// voice exceed the density fitted on BABE (see LoadedThreshold).
func loadedLanguage(spans []article.Span, c Counts) (Flag, bool) {
	if len(spans) < LoadedMinWords || c.LoadedPer1000 < LoadedThreshold {
		return Flag{}, false
	}
	return Flag{Kind: LoadedLanguage, Evidence: append([]article.Span(nil), spans...),
		Note: fmt.Sprintf("%.1f loaded words per 1,000", c.LoadedPer1000)}, true
}

// boilerplateFlag flags site furniture: lines removed as boilerplate (kept
// aside) and any such line still present in the text.
func boilerplateFlag(in Input) (Flag, bool) {
	f := Flag{Kind: Boilerplate}
	for _, l := range in.Boilerplate {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		f.Aside = append(f.Aside, l)
		for off := 0; off < len(in.Text); {
			k := strings.Index(in.Text[off:], l)
			if k < 0 {
				break
			}
			s := article.Span{Start: off + k, End: off + k + len(l)}
			// a whole line only
			if (s.Start == 0 || in.Text[s.Start-1] == '\n') && (s.End == len(in.Text) || in.Text[s.End] == '\n') {
				f.Evidence = append(f.Evidence, s)
			}
			off = s.End
		}
	}
	if len(f.Aside) > 0 {
		f.Note = fmt.Sprintf("%d lines of boilerplate", len(f.Aside))
	}
	return f, len(f.Aside) > 0
}

func dedupe(s []article.Span) []article.Span {
	sortSpans(s)
	out := s[:0]
	for _, x := range s {
		if n := len(out); n > 0 && out[n-1].Overlaps(x) {
			if x.End > out[n-1].End {
				out[n-1].End = x.End
			}
			continue
		}
		out = append(out, x)
	}
	return out
}
