package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/parallax-news/parallax/internal/ingest"
)

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// progress shows a long run's advance on stderr: a live bar on a terminal,
// a plain line every few seconds otherwise (logs, CI), nothing with "none".
// Messages go through Println so they do not tangle with the bar.
type progress struct {
	mu      sync.Mutex
	w       io.Writer
	bar     *progressbar.ProgressBar
	plain   bool
	label   string
	start   time.Time
	last    time.Time
	every   time.Duration
	records int
	stored  int
	dups    int
	failed  int
	bytes   int64
}

func newProgress(e *env, mode, label string) (*progress, error) {
	p := &progress{w: e.stderr, label: label, start: time.Now(), every: 5 * time.Second}
	p.last = p.start
	switch mode {
	case "auto":
		if e.isTerminal {
			mode = "bar"
		} else {
			mode = "plain"
		}
	case "bar", "plain", "none":
	default:
		return nil, fmt.Errorf("--progress must be auto, bar, plain or none, not %q", mode)
	}
	switch mode {
	case "bar":
		p.bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(e.stderr),
			progressbar.OptionSetDescription(label),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	case "plain":
		p.plain = true
	}
	return p, nil
}

// Println writes one message line.
func (p *progress) Println(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Clear()
	}
	fmt.Fprintln(p.w, msg)
}

// Update counts one ingest event.
func (p *progress) Update(ev ingest.Event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bytes += ev.Bytes
	switch ev.Kind {
	case ingest.Stored:
		p.stored++
	case ingest.Duplicate:
		p.dups++
	case ingest.Failed:
		p.failed++
	default:
		return // warnings and notes are not records
	}
	p.records++
	if p.bar != nil {
		_ = p.bar.Add(1)
		return
	}
	if p.plain {
		if now := time.Now(); now.Sub(p.last) >= p.every {
			p.last = now
			p.line(now)
		}
	}
}

func (p *progress) line(now time.Time) {
	secs := now.Sub(p.start).Seconds()
	fmt.Fprintf(p.w, "parallax: %s: %d records (%d stored, %d duplicates, %d failed), %s, %.0f records/s\n",
		p.label, p.records, p.stored, p.dups, p.failed, humanBytes(p.bytes), float64(p.records)/max(secs, 1e-9))
}

// Done ends the display.
func (p *progress) Done(ingest.Summary) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Finish()
		_ = p.bar.Clear()
	}
	if p.plain && time.Since(p.start) >= p.every {
		p.line(time.Now())
	}
}
