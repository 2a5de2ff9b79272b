package text_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/parallax-news/parallax/internal/article"
	"github.com/parallax-news/parallax/internal/text"
)

func TestNormalizeString(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"line endings", "a\r\nb\rc\nd\u2028e\u2029f\u0085g\fh\vi", "a\nb\nc\nd\ne\nf\ng\nh\ni"},
		{"NFC", "Cafe\u0301 A\u030a", "Café Å"},
		{"space separators", "a\u00a0b\u2009c\u202fd\u3000e\tf", "a b c d e f"},
		{"invisible format characters", "zero\u200bwidth\u200c\u200d \u2060join\ufeff soft\u00adhyphen \u200eltr\u202a", "zerowidth join softhyphen ltr"},
		{"controls", "a\x00b\x07c\x1bd\u0080e\u009ff\x7f", "abcdef"},
		{"collapse and trim", "  many    spaces  here  \n\t indented\t", "many spaces here\nindented"},
		{"one newline between paragraphs", "\n\nFirst.\n\n\n   \nSecond.\n\n", "First.\nSecond."},
		{"typography kept", "“Quoted” ‘single’ «guillemets» „low“ ‹angle› – en — em … ellipsis 'straight' \"double\"",
			"“Quoted” ‘single’ «guillemets» „low“ ‹angle› – en — em … ellipsis 'straight' \"double\""},
		{"invalid UTF-8 replaced", "a\xffb", "a\ufffdb"},
		{"scraped article, one paragraph a line", "Headline here\nByline\nThe first paragraph is a full sentence that ends here.\nThe second paragraph also ends with a period.",
			"Headline here\nByline\nThe first paragraph is a full sentence that ends here.\nThe second paragraph also ends with a period."},
		{"scraped article with blank lines", "Headline\n\nThe first paragraph is a sentence that runs on for a while and ends.\n\nThe second paragraph is another one, and it ends here too.\nA third one follows it directly on the next line of text.\n",
			"Headline\nThe first paragraph is a sentence that runs on for a while and ends.\nThe second paragraph is another one, and it ends here too.\nA third one follows it directly on the next line of text."},
		{"hard-wrapped text", hardWrapped, hardWrappedJoined},
		{"one wrapped block is not enough", "\n\n" + oneBlock + "\n\n", oneBlock},
		{"hard-wrapped with hyphens and lists", wrappedLists, wrappedListsJoined},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := text.NormalizeString(tc.in)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("NormalizeString(%q) (-want +got):\n%s", tc.in, diff)
			}
			if again := text.NormalizeString(got); again != got {
				t.Errorf("not idempotent:\n once: %q\ntwice: %q", got, again)
			}
		})
	}
}

const hardWrapped = `Storm hits coast

Residents of the coastal town were told to leave their homes on Monday
as the storm approached, officials said, and the roads inland were
crowded with cars well into the night.

The mayor said the town's two shelters were full by evening and that a
third would open at the school. "We have never seen anything like it,"
she told reporters.
`

// oneBlock is wrapped, but with no blank line between two blocks nothing
// shows that its line breaks are not paragraph breaks.
const oneBlock = `Residents of the coastal town were told to leave their homes on Monday
as the storm approached, officials said, and the roads inland were
crowded with cars well into the night.`

const hardWrappedJoined = `Storm hits coast
Residents of the coastal town were told to leave their homes on Monday as the storm approached, officials said, and the roads inland were crowded with cars well into the night.
The mayor said the town's two shelters were full by evening and that a third would open at the school. "We have never seen anything like it," she told reporters.`

const wrappedLists = `The council published a long list of measures that it had called well-
known in a report and that it would consider in the coming weeks,
including the following ones, which it described as urgent:
- closing the bridge to heavy trucks
- a new ferry

Critics said the list was far too short and that none of its measures
would help the families who had already lost their homes to the water.
`

const wrappedListsJoined = `The council published a long list of measures that it had called well-known in a report and that it would consider in the coming weeks, including the following ones, which it described as urgent:
- closing the bridge to heavy trucks
- a new ferry
Critics said the list was far too short and that none of its measures would help the families who had already lost their homes to the water.`

func TestNormalize(t *testing.T) {
	tests := []struct {
		name     string
		in       []byte
		want     string
		warn     string
		errWants string // a substring of the error, "" for none
	}{
		{"plain", []byte("Hello,\r\nworld."), "Hello,\nworld.", "", ""},
		{"UTF-8 BOM", []byte("\xef\xbb\xbfHello"), "Hello", "", ""},
		{"UTF-16LE BOM", []byte{0xFF, 0xFE, 'H', 0, 'i', 0, 0x1C, 0x20, 'x', 0, 0x1D, 0x20}, "Hi“x”", "", ""},
		{"UTF-16BE BOM", []byte{0xFE, 0xFF, 0, 'H', 0, 'i', 0, '\n', 0, 0xE9}, "Hi\né", "", ""},
		{"windows-1252", []byte("caf\xe9 \x93quoted\x94 \x96 dash\x85 \x80 5"), "café “quoted” – dash… € 5", text.WarnWindows1252, ""},
		{"windows-1252 with an undefined byte", []byte("caf\xe9 \x81"), "", "", "invalid UTF-8 at byte offset 3"},
		{"mixed UTF-8 and invalid bytes", []byte("café \xe9t\xe9"), "", "", "invalid UTF-8 at byte offset 6"},
		{"offset counts the BOM", []byte("\xef\xbb\xbfé\xff"), "", "", "invalid UTF-8 at byte offset 5"},
		{"NUL byte", []byte("text\x00more"), "", "", "binary"},
		{"control bytes", []byte("\x01\x02\x03\x04abcdefgh"), "", "", "binary"},
		{"a few control bytes", []byte("a\x07bcdefghijklmnopqrstuvwxyz"), "abcdefghijklmnopqrstuvwxyz", "", ""},
		{"UTF-16 with NUL", []byte{0xFF, 0xFE, 'H', 0, 0, 0}, "", "", "binary"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, warn, err := text.Normalize(tc.in)
			if tc.errWants != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errWants) || !errors.Is(err, article.ErrInvalid) {
					t.Fatalf("Normalize(%q) err = %v, want one wrapping ErrInvalid containing %q", tc.in, err, tc.errWants)
				}
				return
			}
			if err != nil {
				t.Fatalf("Normalize(%q): %v", tc.in, err)
			}
			if got != tc.want || warn != tc.warn {
				t.Errorf("Normalize(%q) = %q, %q; want %q, %q", tc.in, got, warn, tc.want, tc.warn)
			}
		})
	}
}

// TestNormalizeInvariants checks the properties the rest of parallax relies
// on over a mix of inputs.
func TestNormalizeInvariants(t *testing.T) {
	for _, in := range []string{hardWrapped, wrappedLists, "a\r\n\r\nb", "x\u00a0\u00a0\n\n\u200b\n y", "\xff\xfe\x00"} {
		checkNormalized(t, text.NormalizeString(in))
	}
}

func checkNormalized(t testing.TB, s string) {
	t.Helper()
	if err := normalizedErr(s); err != nil {
		t.Fatal(err)
	}
}

// normalizedErr reports how s fails to be normalized text, if it does.
func normalizedErr(s string) error {
	switch {
	case !utf8.ValidString(s):
		return fmt.Errorf("invalid UTF-8: %q", s)
	case strings.ContainsAny(s, "\r\t\u00a0\u200b\ufeff"):
		return fmt.Errorf("unnormalized characters: %q", s)
	case strings.HasPrefix(s, "\n") || strings.HasSuffix(s, "\n") || strings.Contains(s, "\n\n"):
		return fmt.Errorf("empty paragraph: %q", s)
	case strings.Contains(s, "  ") || strings.Contains(s, " \n") || strings.Contains(s, "\n ") ||
		strings.HasPrefix(s, " ") || strings.HasSuffix(s, " "):
		return fmt.Errorf("untrimmed or uncollapsed spaces: %q", s)
	}
	if again := text.NormalizeString(s); again != s {
		return fmt.Errorf("not idempotent:\n once: %q\ntwice: %q", s, again)
	}
	return nil
}
