package quote

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/parallax-news/parallax/internal/perceptron"
)

// Exported for the external tests.
var SharedRoot = sharedRoot

// WriteModel writes m's two passes to dir as attrib1.model and
// attrib2.model.
func WriteModel(m *Model, dir string) error {
	for k, pm := range []*model{m.t.m1, m.t.m2} {
		var buf bytes.Buffer
		if err := pm.Write(&buf, modelMagic); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("attrib%d.model", k+1)), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// ReadModel reads a model WriteModel wrote to dir.
func ReadModel(dir string) (*Model, error) {
	var ms [2]*model
	for k := range ms {
		b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("attrib%d.model", k+1)))
		if err != nil {
			return nil, err
		}
		if ms[k], err = perceptron.Read(b, modelMagic, int(numLabels)); err != nil {
			return nil, err
		}
	}
	return &Model{tagger{ms[0], ms[1]}}, nil
}
