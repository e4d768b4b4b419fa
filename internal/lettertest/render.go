package lettertest

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"strings"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// DPI is the resolution of a clean page: A4 at 150 dots per inch, the
// resolution of an ordinary office scan.
const DPI = 150

// Page sizes in pixels at DPI, and the margin.
const (
	PageWidth  = 1240
	PageHeight = 1754
	margin     = 130
)

// Renderer sets letters on a page. It holds parsed fonts and is safe for
// concurrent use once made.
type Renderer struct {
	regular, bold *opentype.Font
}

// NewRenderer parses the fonts (Liberation Sans, already in the module
// graph through gonum's plot).
func NewRenderer() (*Renderer, error) {
	regular, err := opentype.Parse(liberationsansregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("parse Liberation Sans: %w", err)
	}
	bold, err := opentype.Parse(liberationsansbold.TTF)
	if err != nil {
		return nil, fmt.Errorf("parse Liberation Sans Bold: %w", err)
	}
	return &Renderer{regular: regular, bold: bold}, nil
}

// sizes in points per style.
var sizes = map[Style]float64{Body: 10.5, Bold: 10.5, Heading: 16, Title: 13}

func (r *Renderer) face(s Style) (font.Face, error) {
	f := r.regular
	if s != Body {
		f = r.bold
	}
	return opentype.NewFace(f, &opentype.FaceOptions{Size: sizes[s], DPI: DPI, Hinting: font.HintingFull})
}

// Page renders the letter as a clean page: black text on white, the way a
// flatbed scanner or a PDF renderer gives it.
func (r *Renderer) Page(l Letter) (*image.Gray, error) {
	img := image.NewGray(image.Rect(0, 0, PageWidth, PageHeight))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	faces := map[Style]font.Face{}
	for s := range sizes {
		f, err := r.face(s)
		if err != nil {
			return nil, fmt.Errorf("font face: %w", err)
		}
		defer f.Close()
		faces[s] = f
	}
	body := faces[Body].Metrics().Height.Ceil()
	y := margin
	for _, ln := range l.Lines {
		face := faces[ln.Style]
		d := &font.Drawer{Dst: img, Src: image.NewUniform(color.Gray{Y: 20}), Face: face}
		y += int(ln.Gap * float64(body))
		for _, text := range wrap(d, ln.Text, PageWidth-2*margin) {
			y += face.Metrics().Height.Ceil()
			if y > PageHeight-margin/2 {
				return nil, fmt.Errorf("letter %s does not fit on one page", l.Name)
			}
			d.Dot = fixed.P(margin, y)
			d.DrawString(text)
		}
	}
	return img, nil
}

// wrap breaks text into lines no wider than width.
func wrap(d *font.Drawer, text string, width int) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(text) {
		next := w
		if cur != "" {
			next = cur + " " + w
		}
		if cur != "" && d.MeasureString(next).Ceil() > width {
			lines = append(lines, cur)
			next = w
		}
		cur = next
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}
