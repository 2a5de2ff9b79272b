package crosscheck

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// claimFindings returns the claim findings as "kind article -> other"
// lines with the span's words, checking every span.
func claimFindings(t *testing.T, arts []Article, quotes []Quote) ([]string, []Finding) {
	t.Helper()
	fs := Check(arts, quotes)
	text := map[string]string{}
	for _, a := range arts {
		text[a.ID] = a.Text
	}
	var out []string
	var kept []Finding
	for _, f := range fs {
		if f.Kind != Contradicted && f.Kind != CorroboratedClaim {
			continue
		}
		line := f.Kind + " " + f.Article + " [" + f.Span.In(text[f.Article]) + "]"
		for _, o := range f.Other {
			line += " -> " + o.Article + " [" + o.Span.In(text[o.Article]) + "]"
		}
		out = append(out, line)
		kept = append(kept, f)
	}
	return out, kept
}

func TestClaims(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 6, d, 12, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		a, b string
		want []string
	}{
		{
			name: "refused to rule out against ruled out",
			a:    "Foreign minister Ana Pell spoke in parliament on Monday. She refused to rule out sanctions against the regime.",
			b:    "Ana Pell, the foreign minister, met her counterparts in Brussels. She ruled them out after the meeting.",
			want: []string{"contradicted_claim b [ruled them out] -> a [refused to rule out sanctions against the regime]"},
		},
		{
			name: "confirmed against denied",
			a:    "The ministry confirmed that the army withdrew its troops from the border.",
			b:    "The ministry denied that the army withdrew its troops from the border.",
			want: []string{"contradicted_claim b [denied that the army withdrew its troops from the border] -> a [confirmed that the army withdrew its troops from the border]"},
		},
		{
			name: "antonym: accepted against rejected",
			a:    "The union accepted the offer after a vote.",
			b:    "The union rejected the offer on Tuesday.",
			want: []string{"contradicted_claim b [rejected the offer on Tuesday] -> a [accepted the offer]"},
		},
		{
			name: "other numbers for the same act",
			a:    "The council approved 12 new schools.",
			b:    "The council approved 15 new schools.",
			want: []string{"contradicted_claim b [approved 15 new schools] -> a [approved 12 new schools]"},
		},
		{
			name: "declined to say against stated",
			a:    "Mayor Odo Brack declined to say what steps the city would take if the strike went on.",
			b:    "Mayor Odo Brack said that the city would close the harbour if the strike went on.",
			want: []string{"contradicted_claim b [said that the city would close the harbour if the strike went on] -> a [declined to say what steps the city would take if the strike]"},
		},
		{
			name: "same act corroborated both ways",
			a:    "The central bank raised interest rates on Thursday.",
			b:    "The central bank raised interest rates by a quarter point.",
			want: []string{
				"corroborated_claim a [raised interest rates on Thursday] -> b [raised interest]",
				"corroborated_claim b [raised interest] -> a [raised interest rates on Thursday]",
			},
		},
		{
			name: "different actors: no contradiction",
			a:    "The union accepted the offer after a vote.",
			b:    "The employers rejected the offer on Tuesday.",
		},
		{
			name: "modality only: noted, not contradicted",
			a:    "Foreign minister Ana Pell will impose sanctions on the regime.",
			b:    "Foreign minister Ana Pell may not impose sanctions on the regime.",
		},
		{
			name: "different objects: no contradiction",
			a:    "The union accepted the offer after a vote.",
			b:    "The union rejected the merger on Tuesday.",
		},
		{
			name: "a refusal to say answered by a hedge: no contradiction",
			a:    "Mayor Odo Brack declined to say what steps the city would take if the strike went on.",
			b:    "Mayor Odo Brack said that the city might close the harbour.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts := []Article{{ID: "a", Outlet: "North Gazette", Published: day(1), Text: tt.a}, {ID: "b", Outlet: "South Herald", Published: day(2), Text: tt.b}}
			got, fs := claimFindings(t, arts, nil)
			for _, f := range fs {
				if f.Why == "" || len(f.Other) == 0 {
					t.Errorf("%s: no reason or no other side: %+v", f.Kind, f)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
