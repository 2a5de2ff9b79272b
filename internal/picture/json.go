package picture

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// WriteJSON writes p as encoding/json's Encoder does (compact, HTML
// characters escaped, a newline after), the same bytes, one story at a
// time: the whole document of a large corpus is hundreds of megabytes, and
// an Encoder builds all of it in memory before the first byte goes out.
func (p *Picture) WriteJSON(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	head, err := json.Marshal(struct {
		Version  string `json:"version"`
		Articles int    `json:"articles"`
	}{p.Version, p.Articles})
	if err != nil {
		return err
	}
	bw.Write(head[:len(head)-1]) // without its closing brace
	bw.WriteString(`,"stories":`)
	if p.Stories == nil {
		bw.WriteString("null")
	} else {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		bw.WriteByte('[')
		for i := range p.Stories {
			if i > 0 {
				bw.WriteByte(',')
			}
			buf.Reset()
			if err := enc.Encode(&p.Stories[i]); err != nil {
				return err
			}
			bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}))
		}
		bw.WriteByte(']')
	}
	bw.WriteString(`,"speakers":`)
	sp, err := json.Marshal(p.Speakers)
	if err != nil {
		return err
	}
	bw.Write(sp)
	bw.WriteString("}\n")
	return bw.Flush()
}
