// Package pos tags words with their universal part of speech (UPOS: NOUN,
// VERB, PROPN, ...), for the stages that need to tell a reporting verb
// from a noun or find where a noun phrase ends. The tagger is a greedy
// averaged perceptron over hashed features of the word, its affixes and
// shape, its neighbours and the tags already chosen; its model
// (data/pos.model) is trained on the train split of GUM's news and
// interview documents (CC BY 4.0 annotations, CC BY 2.5 texts) by
//
//	go test ./internal/pos -run TestTrain -train
package pos

import (
	_ "embed"
	"math/rand/v2"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/knowledge"
	"github.com/parallax-news/parallax/internal/perceptron"
)

// Tag is a universal part-of-speech tag; 0 is unknown.
type Tag uint8

// The universal tags, in the order of the Universal Dependencies list.
const (
	Unknown Tag = iota
	ADJ
	ADP
	ADV
	AUX
	CCONJ
	DET
	INTJ
	NOUN
	NUM
	PART
	PRON
	PROPN
	PUNCT
	SCONJ
	SYM
	VERB
	X
	numTags
)

var tagNames = [numTags]string{"", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}

// String returns the tag's UPOS name.
func (t Tag) String() string {
	if t < numTags {
		return tagNames[t]
	}
	return ""
}

// Parse returns the tag named s, or Unknown.
func Parse(s string) Tag {
	for i, n := range tagNames {
		if n == s && n != "" {
			return Tag(i)
		}
	}
	return Unknown
}

const modelMagic = "PXPOS1"

//go:embed data/pos.model
var posModel []byte

var defaultModel = sync.OnceValue(func() *perceptron.Model {
	m, err := perceptron.Read(posModel, modelMagic, int(numTags))
	if err != nil {
		panic(err) // the embedded model is part of the build
	}
	return m
})

// Model is a trained tagger.
type Model struct{ m *perceptron.Model }

// TagSentence tags the words of one sentence with the embedded model,
// appending to dst.
func TagSentence(dst []Tag, words []string) []Tag {
	return tagWith(defaultModel(), dst, words)
}

// TagSentence tags the words of one sentence with this model.
func (m *Model) TagSentence(dst []Tag, words []string) []Tag { return tagWith(m.m, dst, words) }

func tagWith(m *perceptron.Model, dst []Tag, words []string) []Tag {
	buf, _ := wordPool.Get().(*[]word)
	if buf == nil {
		buf = new([]word)
	}
	ws := prepareInto((*buf)[:0], words)
	defer func() {
		clear(ws) // the strings of this sentence
		*buf = ws[:0]
		wordPool.Put(buf)
	}()
	var fbuf [24]uint64
	feats := fbuf[:0]
	var s [numTags]float32
	p1, p2 := Unknown, Unknown
	for i := range ws {
		feats = features(feats[:0], ws, i, p1, p2)
		s = [numTags]float32{}
		m.Score(feats, s[:])
		t := best(&s)
		dst = append(dst, t)
		p2, p1 = p1, t
	}
	return dst
}

func best(s *[numTags]float32) Tag {
	b := Tag(1)
	for t := Tag(2); t < numTags; t++ {
		if s[t] > s[b] {
			b = t
		}
	}
	return b
}

// word is what the features know of one word.
type word struct {
	form, lower string
	shape       wordShape
	common      bool
}

// wordShape is a word's shape (see shape) held in place, so that preparing
// a sentence does not allocate a string per word.
type wordShape struct {
	b [5]byte
	n uint8
}

func prepare(words []string) []word { return prepareInto(nil, words) }

// prepareInto appends what the features know of words to dst.
func prepareInto(dst []word, words []string) []word {
	for _, w := range words {
		l := strings.ToLower(w)
		dst = append(dst, word{form: w, lower: l, shape: shape(w), common: knowledge.CommonWord(l)})
	}
	return dst
}

// wordPool keeps the buffers of prepared words between sentences.
var wordPool sync.Pool

// shape maps each run of upper-case letters to X, of lower-case letters to
// x, of digits to d and of another character to itself (* beyond ASCII),
// keeping the first five.
func shape(w string) wordShape {
	var b [5]byte
	n := 0
	var last byte
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = byte(min(r, '~'))
			if r > '~' {
				c = '*'
			}
		}
		if c != last && n < len(b) {
			b[n] = c
			n++
		}
		last = c
	}
	return wordShape{b, uint8(n)}
}

func suffix(w string, n int) string {
	k := len(w)
	for i := 0; i < n && k > 0; i++ {
		_, size := utf8.DecodeLastRuneInString(w[:k])
		k -= size
	}
	return w[k:]
}

func hash(tmpl byte, parts ...string) uint64 {
	h := uint64(14695981039346656037) ^ uint64(tmpl)*0x9e3779b97f4a7c15
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			h ^= uint64(p[i])
			h *= 1099511628211
		}
		h ^= 0xff
		h *= 1099511628211
	}
	return h
}

func at(ws []word, i int) string {
	if i < 0 {
		return "<s>"
	}
	if i >= len(ws) {
		return "</s>"
	}
	return ws[i].lower
}

func features(dst []uint64, ws []word, i int, p1, p2 Tag) []uint64 {
	w := ws[i]
	t1, t2 := p1.String(), p2.String()
	first := "0"
	if i == 0 {
		first = "1"
	}
	common := "0"
	if w.common {
		common = "1"
	}
	return append(dst,
		hash(1),
		hash(2, w.lower),
		hash(3, suffix(w.lower, 1)),
		hash(4, suffix(w.lower, 2)),
		hash(5, suffix(w.lower, 3)),
		hash(6, string(w.shape.b[:w.shape.n]), first),
		hash(7, t1),
		hash(8, t1, t2),
		hash(9, t1, w.lower),
		hash(10, at(ws, i-1)),
		hash(11, at(ws, i+1)),
		hash(12, at(ws, i-2)),
		hash(13, at(ws, i+2)),
		hash(14, at(ws, i-1), w.lower),
		hash(15, w.lower, at(ws, i+1)),
		hash(16, common, string(w.shape.b[:w.shape.n])),
		hash(17, suffix(at(ws, i+1), 3)),
		hash(18, suffix(at(ws, i-1), 3), t1),
		hash(19, w.form),
	)
}

// TrainSentence is one sentence of training words and their gold tags.
type TrainSentence struct {
	Words []string
	Tags  []Tag
}

// Train learns a tagger from sentences in epochs passes.
func Train(sents []TrainSentence, epochs int, seed uint64) *Model {
	t := perceptron.NewTrainer(int(numTags))
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	prepared := make([][]word, len(sents))
	for i, s := range sents {
		prepared[i] = prepare(s.Words)
	}
	var feats []uint64
	var s [numTags]float32
	for range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			ws, gold := prepared[k], sents[k].Tags
			p1, p2 := Unknown, Unknown
			for i := range ws {
				t.Tick()
				feats = features(feats[:0], ws, i, p1, p2)
				s = [numTags]float32{}
				t.Model().Score(feats, s[:])
				if g := best(&s); g != gold[i] {
					t.Update(feats, int(gold[i]), 1)
					t.Update(feats, int(g), -1)
				}
				p2, p1 = p1, gold[i]
			}
		}
	}
	return &Model{t.Average().Prune(0.01)}
}
