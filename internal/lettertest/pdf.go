package lettertest

import (
	"bytes"
	"fmt"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
)

// pointsPerMM converts the styles' point sizes to fpdf's line heights.
const pointsPerMM = 72 / 25.4

// TextPDF is the letter as a PDF with a text layer, the way the
// MijnOverheid Berichtenbox delivers letters.
func TextPDF(l Letter) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	pdf.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	pdf.SetMargins(22, 22, 22)
	pdf.SetAutoPageBreak(true, 15)
	pdf.AddPage()
	for _, ln := range l.Lines {
		style := "B"
		if ln.Style == Body {
			style = ""
		}
		size := sizes[ln.Style]
		height := size / pointsPerMM * 1.2
		pdf.SetFont("sans", style, size)
		if ln.Gap > 0 {
			pdf.Ln(ln.Gap * sizes[Body] / pointsPerMM * 1.2)
		}
		pdf.MultiCell(0, height, ln.Text, "", "L", false)
	}
	return output(pdf)
}

// ScannedPDF is a PDF whose one page is an image and has no text: a
// letter scanned, or photographed, and saved as PDF.
func ScannedPDF(jpegImage []byte) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddPage()
	opt := fpdf.ImageOptions{ImageType: "JPG"}
	pdf.RegisterImageOptionsReader("page", opt, bytes.NewReader(jpegImage))
	pdf.ImageOptions("page", 0, 0, 210, 297, false, opt, 0, "")
	return output(pdf)
}

func output(pdf *fpdf.Fpdf) ([]byte, error) {
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("write PDF: %w", err)
	}
	return buf.Bytes(), nil
}
