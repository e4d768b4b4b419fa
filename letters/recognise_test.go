package letters_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"spreekuurbot/letters"
)

func recogniser(t testing.TB) *letters.Recogniser {
	t.Helper()
	r, err := letters.New()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestRecognise: short texts such as OCR gives, each with what a resident
// should get.
func TestRecognise(t *testing.T) {
	r := recogniser(t)
	today := time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text string
		node       string // "" when too little is said
		urgent     bool
		signs      []string
	}{
		{"CJIB dwangbevel", "CJIB\nCentraal Justitieel Incassobureau\nDwangbevel\nU hebt de boete niet betaald.", "letter-bd-dwangbevel", true, []string{"dwangbevel"}},
		{"Belastingdienst aanslag", "Belastingdienst\nAanslag inkomstenbelasting 2025\nU moet nog € 120 betalen.", "letter-bd-aanslag", false, nil},
		{"gemeente aanslagbiljet is not the tax office's", "Gemeente Almere\nAanslagbiljet gemeentelijke belastingen 2027\nafvalstoffenheffing rioolheffing", "letter-gem-woz", false, nil},
		{"toeslagen terugvordering", "Belastingdienst/Toeslagen\nTerugvordering huurtoeslag 2025\nU moet € 800 terugbetalen.", "letter-ts-terug", true, nil},
		{"energy cut-off", "Vattenfall\nAankondiging afsluiting\nUw woning wordt afgesloten van gas en stroom.", "letter-en-afsluit", true, []string{"afsluiting"}},
		{"dagvaarding by a bailiff", "Van Dam Gerechtsdeurwaarders\nDagvaarding\nIk dagvaard u te verschijnen voor de kantonrechter.", "letter-dw-dagv", true, []string{"deurwaarder", "dagvaarding"}},
		{"ocr slips", "Be1astingdienst\nDWANGBEVE1\nU hebt de aans1ag niet betaa1d.", "letter-bd-dwangbevel", true, []string{"dwangbevel"}},
		{"broken over a line", "Belastingdienst\nU krijgt dit dwang-\nbevel omdat u niet betaalde.", "letter-bd-dwangbevel", true, []string{"dwangbevel"}},
		{"payment arrangement is no cut-off", "Vattenfall\nHerinnering\nU hebt een betalingsachterstand. U kunt een betalingsregeling afsluiten.", "letter-en-achter", false, nil},
		{"a sender alone says too little", "Gemeente Almere\nPostbus 200\nGeachte heer,", "", false, nil},
		{"nothing", "", "", false, nil},
		// An urgent sign makes the letter urgent even when the best node
		// is not.
		{"incasso threatening the bailiff", "Flevo Incasso\nIncassobureau\nBetaalt u niet, dan geven wij de zaak aan de deurwaarder.", "letter-dw-incasso", true, []string{"deurwaarder"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := r.Recognise(tt.text, today)
			var signs []string
			for _, sg := range res.Signs {
				signs = append(signs, sg.Name)
			}
			if res.Node != tt.node || res.Urgent != tt.urgent || !slices.Equal(signs, tt.signs) {
				t.Errorf("got node %q urgent %v signs %v, want %q %v %v; candidates %v", res.Node, res.Urgent, res.Signs, tt.node, tt.urgent, tt.signs, res.Candidates)
			}
			if res.Node != "" && res.Candidates[0].Node != res.Node {
				t.Errorf("Node %q is not the first candidate %v", res.Node, res.Candidates)
			}
		})
	}
}

// TestUrgentWinsDoubt: when an urgent node comes within the margin of a
// node that is not urgent, the urgent one is the answer, and the result
// says it is not sure.
func TestUrgentWinsDoubt(t *testing.T) {
	r := recogniser(t)
	// Both kwijtschelding (not urgent) and beslag (urgent) for a letter
	// of the gemeente, about equally.
	text := "Gemeente Almere\nKwijtschelding en beslag\nU vroeg kwijtschelding. Wij leggen beslag."
	res := r.Recognise(text, time.Now())
	if res.Node != "letter-dw-beslag" || !res.Urgent || res.Confident {
		t.Errorf("got %q urgent %v confident %v, want the urgent letter-dw-beslag, not confident; candidates %v", res.Node, res.Urgent, res.Confident, res.Candidates)
	}
}

// TestParse: the data's mistakes are reported, not ignored.
func TestParse(t *testing.T) {
	base := "fallback = \"x\"\nmin_score = 4.0\nmargin = 0.25\ntitle_boost = 2.0\nhead_lines = 10\ntitle_words = 7\n"
	tests := []struct{ name, data, err string }{
		{"unknown key", base + "colour = 1\n", "unknown key"},
		{"unknown sender", base + "[node.a]\nsenders = [\"nobody\"]\nkeywords = { \"a\" = 1.0 }\n", "unknown sender"},
		{"no keywords", base + "[node.a]\n", "no keywords"},
		{"sign to a node that is not urgent", base + "[node.a]\nkeywords = { \"a\" = 1.0 }\n[[sign]]\nname = \"s\"\nwords = [\"s\"]\nnode = \"a\"\n", "not an urgent node"},
		{"negative weight", base + "[node.a]\nkeywords = { \"a\" = -1.0 }\n", "positive weight"},
		{"settings missing", "fallback = \"x\"\n", "must all be set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := letters.Parse([]byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("err = %v, want one with %q", err, tt.err)
			}
		})
	}
}

// FuzzRecognise: whatever text OCR or a resident gives, recognising it
// never panics and keeps its promises: a node is one of the data's, the
// first candidate; a sign makes the result urgent; a deadline is a real
// day.
func FuzzRecognise(f *testing.F) {
	r := recogniser(f)
	for _, s := range []string{
		"", "dwangbevel", "Belastingdienst\nAanmaning\nBetaal vóór 14 december 2026.",
		"Datum: 30-11-2026\nbinnen 14 dagen", "dwang-\nbevel", "\xff\xfe", strings.Repeat("aanslag ", 300),
		"Almere, 1 januari 2027\nuiterlijk op 31 februari", "b1nnen 99999 dagen", "ÓÓR vóór 0l-l2-2O26",
	} {
		f.Add(s)
	}
	nodes := r.Nodes()
	today := time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 8192 {
			return // a page of text at most
		}
		res := r.Recognise(text, today)
		if res.Node != "" && (!slices.Contains(nodes, res.Node) || res.Candidates[0].Node != res.Node) {
			t.Fatalf("node %q not a data node or not first of %v", res.Node, res.Candidates)
		}
		if len(res.Signs) > 0 && !res.Urgent {
			t.Fatalf("signs %v but not urgent", res.Signs)
		}
		for _, sg := range res.Signs {
			if !slices.Contains(nodes, sg.Node) {
				t.Fatalf("sign %v points to no node of the data", sg)
			}
		}
		for _, c := range res.Candidates {
			if c.Urgent && c.Node == res.Node && !res.Urgent {
				t.Fatalf("urgent node %q reported not urgent", c.Node)
			}
		}
		if res.Confidence < 0 || res.Confidence > 1 {
			t.Fatalf("confidence %v", res.Confidence)
		}
	})
}

// FuzzDeadline: any text gives dates that are real days in a sane range,
// in today's time zone, and a deadline after the letter's own date.
func FuzzDeadline(f *testing.F) {
	for _, s := range []string{
		"Dagtekening: 30 november 2026\nvóór 14 december 2026", "uiterlijk 14-12-2026", "uiterlijk op 14 december",
		"Datum: 30-11-2026 binnen 14 dagen na de dagtekening", "binnen 6 weken", "binnen twee weken",
		"Almere, 31 december 2026\nvoor 1 januari", "29-02-2027", "binnen 400 maanden", "l4-l2-2O26 vóór",
		"voor 99 decernber 9999", "Datum: 1-1-26 tot en met 2-1-26", "zitting op dinsdag 5 januari 2027",
	} {
		f.Add(s)
	}
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		f.Fatal(err)
	}
	today := time.Date(2026, time.December, 1, 0, 0, 0, 0, loc)
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 8192 {
			return
		}
		d := letters.FindDates(text, today)
		for _, x := range []time.Time{d.Dated, d.Deadline} {
			if x.IsZero() {
				continue
			}
			if x.Year() < 1900 || x.Year() > 2240 || x.Location() != loc || x.Hour() != 0 {
				t.Fatalf("date %v out of range or not a day in %v", x, loc)
			}
		}
		if !d.Dated.IsZero() && !d.Deadline.IsZero() && !d.Deadline.After(d.Dated) {
			t.Fatalf("deadline %v not after the letter's date %v", d.Deadline, d.Dated)
		}
	})
}
