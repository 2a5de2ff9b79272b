package article

import (
	"errors"
	"fmt"
	"testing"
)

func TestPlain(t *testing.T) {
	err := fmt.Errorf("extract html: no main text: %w", ErrInvalid)
	p := Plain(err)
	if p.Error() != "extract html: no main text" || !errors.Is(p, ErrInvalid) {
		t.Errorf("Plain: %q, is invalid %v", p, errors.Is(p, ErrInvalid))
	}
	other := errors.New("disk full")
	if Plain(other) != other || Plain(nil) != nil {
		t.Error("Plain changed an error without a kind, or nil")
	}
	// The kind's text in the middle is left alone.
	mid := fmt.Errorf("a: %w: b", ErrCorrupt)
	if Plain(mid).Error() != mid.Error() {
		t.Errorf("Plain(%q) = %q", mid, Plain(mid))
	}
}
