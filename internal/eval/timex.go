package eval

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/timex"
)

// timexTask scores temporal expressions (internal/timex) against the
// TempEval-3 platinum TIMEX3 gold, as TempEval-3 Task A does: strict
// (exact span) and relaxed (overlapping span) P/R/F1, and value F1 (a
// relaxed match whose normalized value equals the gold's), each document
// resolved against its creation time (DCT).
func timexTask() Task {
	return Task{
		Name: "timex",
		Doc:  "temporal expressions: strict/relaxed span P/R/F1 and value F1 against TempEval-3 platinum TIMEX3",
		Datasets: []Dataset{
			{Name: "te3-platinum", Marker: "eval/te3-platinum", Run: runTimexTE3},
		},
	}
}

// goldTimex is a TIMEX3 of a TimeML document, as a byte span of its text.
type goldTimex struct {
	start, end int
	typ, value string
}

// timeMLDoc is the text of a TimeML document's TEXT element, with its
// TIMEX3s and its creation time.
type timeMLDoc struct {
	text  string
	dct   time.Time
	timex []goldTimex
}

// readTimeML reads inline TimeML: the DCT's TIMEX3 value, and the text and
// TIMEX3s inside TEXT.
func readTimeML(r io.Reader) (timeMLDoc, error) {
	var doc timeMLDoc
	var sb strings.Builder
	dec := xml.NewDecoder(r)
	inText, inDCT := false, false
	var open *goldTimex
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return doc, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "TEXT":
				inText = true
			case "DCT":
				inDCT = true
			case "TIMEX3":
				g := goldTimex{start: sb.Len()}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "type":
						g.typ = a.Value
					case "value":
						g.value = a.Value
					}
				}
				if inDCT {
					if d, err := time.Parse("2006-01-02", g.value[:min(10, len(g.value))]); err == nil {
						doc.dct = d
					}
				} else if inText {
					open = &g
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "TEXT":
				inText = false
			case "DCT":
				inDCT = false
			case "TIMEX3":
				if open != nil {
					open.end = sb.Len()
					doc.timex = append(doc.timex, *open)
					open = nil
				}
			}
		case xml.CharData:
			if inText {
				sb.Write(t)
			}
		}
	}
	doc.text = sb.String()
	return doc, nil
}

// timexCounts are the TempEval-3 Task A counts.
type timexCounts struct {
	strict, relaxed, value PRF
}

// scoreTimex matches found expressions to gold ones: each gold span is
// matched at most once, by the first found span that overlaps it.
func scoreTimex(gold []goldTimex, found []timex.Timex) timexCounts {
	var c timexCounts
	used := make([]bool, len(gold))
	for _, f := range found {
		hit := -1
		for i, g := range gold {
			if !used[i] && f.Start < g.end && g.start < f.End {
				hit = i
				break
			}
		}
		if hit < 0 {
			c.strict.FP++
			c.relaxed.FP++
			c.value.FP++
			continue
		}
		used[hit] = true
		g := gold[hit]
		c.relaxed.TP++
		if f.Start == g.start && f.End == g.end {
			c.strict.TP++
		} else {
			c.strict.FP++
			c.strict.FN++
		}
		if f.Value == g.value {
			c.value.TP++
		} else {
			c.value.FP++
			c.value.FN++
		}
	}
	for i := range gold {
		if !used[i] {
			c.strict.FN++
			c.relaxed.FN++
			c.value.FN++
		}
	}
	return c
}

func runTimexTE3(ctx context.Context, env Env) (Result, error) {
	dir := filepath.Join(env.Root, "eval", "te3-platinum", "te3-platinum")
	paths, err := filepath.Glob(filepath.Join(dir, "*.tml"))
	if err != nil {
		return Result{}, err
	}
	if len(paths) == 0 {
		return Result{}, fmt.Errorf("te3-platinum: no documents under %s: %w", dir, os.ErrNotExist)
	}
	var total timexCounts
	n := 0
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return Result{}, err
		}
		doc, err := readTimeML(f)
		f.Close()
		if err != nil {
			return Result{}, fmt.Errorf("%s: %w", p, err)
		}
		c := scoreTimex(doc.timex, timex.Find(doc.text, doc.dct))
		total.strict = total.strict.Add(c.strict)
		total.relaxed = total.relaxed.Add(c.relaxed)
		total.value = total.value.Add(c.value)
		n += len(doc.timex)
	}
	m := total.strict.Metrics("strict_")
	for k, v := range total.relaxed.Metrics("relaxed_") {
		m[k] = v
	}
	m["value_f1"] = total.value.F1()
	m["value_accuracy"] = ratio(total.value.TP, total.relaxed.TP)
	return Result{N: n, Metrics: m}, nil
}
