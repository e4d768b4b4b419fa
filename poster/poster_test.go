package poster

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/go-text/typesetting/font"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

const link = "https://t.me/spreekuur_test_bot?start=loc-haven-centrum"

// example is a poster with a line in each script the bot writes.
func example() Poster {
	return Poster{
		Heading: "Spreekuur: gratis hulp bij brieven, formulieren en Woningnet", Name: "Corrosia (Almere Haven)", Address: "Markt 43, 1354 Almere",
		TimesHeading: "Inloop, zonder afspraak:", Times: []string{"dinsdag 13:30–15:30 uur"}, Link: link,
		Scan: []Line{
			{Text: "Scan de code en stel uw vraag in uw eigen taal."},
			{Text: "امسح الرمز واسأل سؤالك بلغتك.", RTL: true},
			{Text: "ነቲ ኮድ ስካን ግበሩ እሞ ብቋንቋኹም ሕተቱ።"},
			{Text: "Скануйте код і поставте запитання своєю мовою."},
			{Text: "Proszę zeskanować kod i zadać pytanie w swoim języku."},
		},
	}
}

// decodeQR reads the QR code in img, as a phone's scanner would.
func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("no QR code found: %v", err)
	}
	return res.GetText()
}

// TestPNGCodeOpensTheDesk: the QR code of the written PNG, an A4 page,
// holds exactly the desk's link.
func TestPNGCodeOpensTheDesk(t *testing.T) {
	var buf bytes.Buffer
	if err := example().WritePNG(&buf); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != pageW || b.Dy() != pageH {
		t.Errorf("page %v, want A4 at 200 dpi (%d×%d)", b.Size(), pageW, pageH)
	}
	if got := decodeQR(t, img); got != link {
		t.Errorf("the code opens %q, want %q", got, link)
	}
}

// TestPDFCodeOpensTheDesk: the PDF is one A4 page whose picture's QR code
// holds exactly the desk's link.
func TestPDFCodeOpensTheDesk(t *testing.T) {
	var buf bytes.Buffer
	if err := example().WritePDF(&buf, time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	pdf := buf.Bytes()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", pdf)
	}
	// A4 in points, as the page says.
	if !regexp.MustCompile(`/MediaBox \[0 0 595\.2[0-9] 841\.8[0-9]\]`).Match(pdf) {
		t.Errorf("no A4 MediaBox in the PDF")
	}
	img := pdfImage(t, pdf)
	if got := decodeQR(t, img); got != link {
		t.Errorf("the PDF's code opens %q, want %q", got, link)
	}
}

// pdfImage takes the one picture out of a PDF that holds it as PNG data
// (FlateDecode with PNG predictors, as fpdf writes it), by wrapping the
// stream in PNG chunks again.
func pdfImage(t *testing.T, pdf []byte) image.Image {
	t.Helper()
	head := regexp.MustCompile(`(?s)/Subtype /Image\n/Width (\d+)\n/Height (\d+)\n/ColorSpace /DeviceRGB\n/BitsPerComponent 8\n/Filter /FlateDecode\n/DecodeParms <</Predictor 15 /Colors 3 /BitsPerComponent 8 /Columns \d+>>\n/Length (\d+)>>\nstream\n`)
	m := head.FindSubmatchIndex(pdf)
	if m == nil {
		t.Fatal("no RGB image stream in the PDF")
	}
	num := func(i int) int {
		n, _ := strconv.Atoi(string(pdf[m[2*i]:m[2*i+1]]))
		return n
	}
	w, h, n := num(1), num(2), num(3)
	data := pdf[m[1] : m[1]+n]
	var png8 bytes.Buffer
	png8.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(kind string, body []byte) {
		binary.Write(&png8, binary.BigEndian, uint32(len(body)))
		png8.WriteString(kind)
		png8.Write(body)
		binary.Write(&png8, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(kind), body...)))
	}
	ihdr := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, uint32(w)), uint32(h))
	chunk("IHDR", append(ihdr, 8, 2, 0, 0, 0)) // 8 bits, RGB
	chunk("IDAT", data)
	chunk("IEND", nil)
	img, err := png.Decode(&png8)
	if err != nil {
		t.Fatalf("the PDF's image: %v", err)
	}
	return img
}

// TestArabicJoinsRightToLeft: Arabic letters take their joined forms and
// ligatures (not the isolated letters one after another) and the first
// letter read stands rightmost.
func TestArabicJoinsRightToLeft(t *testing.T) {
	f, err := loadFaces(false)
	if err != nil {
		t.Fatal(err)
	}
	word := []rune("سلام")
	p := setText(f, string(word), 40, 1000, true)
	if len(p.lines) != 1 || len(p.lines[0]) != 1 {
		t.Fatalf("one word gave %d lines", len(p.lines))
	}
	glyphs := p.lines[0][0].Glyphs
	// Lam and alef join into one ligature: four letters, three glyphs.
	if len(glyphs) != 3 {
		t.Fatalf("%d glyphs for the 4 letters of سلام, want 3 (lam-alef is one)", len(glyphs))
	}
	// Glyphs come in visual order, left to right: the seen (read first)
	// is last, in its initial form, not the isolated letter.
	seen, _ := f.arabic.NominalGlyph(word[0])
	rightmost := glyphs[len(glyphs)-1]
	if rightmost.TextIndex() != 0 {
		t.Errorf("the rightmost glyph is letter %d, want the first", rightmost.TextIndex())
	}
	if rightmost.GlyphID == seen {
		t.Errorf("the seen is drawn isolated (glyph %d): the letters are not joined", seen)
	}
}

// TestEveryScriptHasGlyphs: no letter of a poster line in any of the
// bot's scripts falls back to the font's empty box.
func TestEveryScriptHasGlyphs(t *testing.T) {
	f, err := loadFaces(false)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range example().Scan {
		for _, line := range setText(f, l.Text, 40, 1400, l.RTL).lines {
			for _, run := range line {
				for _, g := range run.Glyphs {
					if g.GlyphID == 0 {
						t.Errorf("%q: a letter has no glyph in %s", l.Text, fontName(f, run.Face))
					}
				}
			}
		}
	}
}

func fontName(f faces, face *font.Face) string {
	switch face {
	case f.arabic:
		return "Noto Sans Arabic"
	case f.ethiopic:
		return "Noto Sans Ethiopic"
	}
	return "Liberation Sans"
}
