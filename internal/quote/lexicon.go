package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/knowledge"
	"github.com/parallax-news/parallax/internal/text"
)

// Cue classes as tagger features: the verb classes of knowledge's cue
// table, cue nouns, and the kinds of multi-word cue phrases.
const (
	cueNone uint8 = iota
	cueSpeech
	cueBelief
	cueIntention
	cueFeeling
	cuePerception
	cueFinding
	cueNoun
	cuePhraseAttribution
	cuePhraseChannel
	cuePhraseSpeech
	cuePhraseNoComment
	cuePhraseOther
)

var verbClasses = map[knowledge.CueClass]uint8{
	knowledge.CueSpeech:     cueSpeech,
	knowledge.CueBelief:     cueBelief,
	knowledge.CueIntention:  cueIntention,
	knowledge.CueFeeling:    cueFeeling,
	knowledge.CuePerception: cuePerception,
	knowledge.CueFinding:    cueFinding,
}

// cueClass is the cue class of one lowercase word.
func cueClass(w string) uint8 {
	if v, ok := knowledge.Cue(w); ok {
		return verbClasses[v.Class]
	}
	if _, ok := knowledge.Cues().Noun(w); ok {
		return cueNoun
	}
	return cueNone
}

func phraseClass(k knowledge.PhraseKind) uint8 {
	switch k {
	case knowledge.PhraseAttribution:
		return cuePhraseAttribution
	case knowledge.PhraseChannel:
		return cuePhraseChannel
	case knowledge.PhraseSpeech:
		return cuePhraseSpeech
	case "nocomment":
		return cuePhraseNoComment
	}
	return cuePhraseOther
}

// markPhrases gives the tokens of multi-word cues ("according to", "in a
// statement", "declined to comment") their phrase's class.
func (d *docFeatures) markPhrases() {
	words := make([]string, 0, 8)
	for i := 0; i < len(d.toks); i++ {
		if d.toks[i].Kind != text.Word {
			continue
		}
		words = words[:0]
		for k := i; k < len(d.toks) && len(words) < 8; k++ {
			if d.toks[k].Kind != text.Word && d.toks[k].Kind != text.Abbrev {
				break
			}
			words = append(words, d.lower[k])
		}
		m, ok := knowledge.Cues().MatchPhrase(words)
		if !ok || m.Words < 2 {
			continue
		}
		c := phraseClass(m.Phrase.Kind)
		for k := i; k < i+m.Words; k++ {
			d.cue[k] = c
		}
		i += m.Words - 1
	}
}

func anonymousHead(w string) bool { return knowledge.AnonymousHead(w) }

// mediumAt reports whether the words from token i are a cue that names a
// medium next ("told", "per", "via", "in an interview with") and returns
// the token after the cue.
func (d *docFeatures) mediumAt(i, end int) (int, bool) {
	if d.toks[i].Kind != text.Word {
		return 0, false
	}
	if v, ok := knowledge.Cue(d.lower[i]); ok && v.Object {
		return i + 1, true
	}
	var buf [8]string
	words := buf[:0]
	for k := i; k < end && len(words) < len(buf); k++ {
		if d.toks[k].Kind != text.Word {
			break
		}
		words = append(words, d.lower[k])
	}
	m, ok := knowledge.Cues().MatchPhrase(words)
	if !ok {
		return 0, false
	}
	switch m.Phrase.Next {
	case knowledge.ArgMedium, knowledge.ArgEither, knowledge.ArgAudience:
		return i + m.Words, true
	}
	return 0, false
}

// outletAt finds a news outlet named by the capitalized words from token
// from ("Reuters", "the BBC", "The New York Times"), up to five tokens.
func (d *docFeatures) outletAt(from, end int) (article.Span, bool) {
	if from < end && d.lower[from] == "the" {
		from++
	}
	if from >= end {
		return article.Span{}, false
	}
	first, _ := utf8.DecodeRuneInString(d.toks[from].In(d.text))
	if !unicode.IsUpper(first) {
		return article.Span{}, false
	}
	var found article.Span
	for k := from; k < end && k < from+5; k++ {
		if d.toks[k].Kind != text.Word && d.toks[k].Kind != text.Abbrev {
			break
		}
		sp := article.Span{Start: d.toks[from].Start, End: d.toks[k].End}
		name := strings.TrimSuffix(sp.In(d.text), "’s")
		if m, ok := knowledge.Outlets().Lookup(name); ok && m.Outlet != nil {
			found = sp
		}
	}
	return found, found.Len() > 0
}
