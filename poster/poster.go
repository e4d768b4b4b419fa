// Package poster draws the A4 poster that hangs at a desk: the place, its
// walk-in times, a large QR code that opens the bot at that place, and a
// line in each of the bot's languages, each in its own script, saying
// "scan to ask in your language". It writes the poster as a PNG or as a
// one-page PDF holding that picture.
//
// Text is shaped with go-text/typesetting (HarfBuzz's rules in Go), so
// Arabic letters join and run right to left and Ge'ez syllables keep
// their marks; Liberation Sans draws Latin and Cyrillic, Noto Sans Arabic
// and Noto Sans Ethiopic the other two scripts (embedded, OFL).
package poster

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/boombuler/barcode/qr"
)

// Line is a text in one language; RTL sets it right to left.
type Line struct {
	Text string
	RTL  bool
}

// Poster is what a desk's poster says, already in its languages.
type Poster struct {
	Heading string // what the desk is, above the place's name
	// RTL sets the heading and the times right to left.
	RTL     bool
	Name    string
	Address string
	// TimesHeading and Times are the weekly walk-in times, one line
	// each; Times may be empty (a place by appointment only).
	TimesHeading string
	Times        []string
	// Link is what the QR code holds: the bot, opened at this place.
	Link string
	// Scan says "scan to ask in your language", once per language.
	Scan []Line
}

// The page: A4 at 200 dots per inch, enough for print and for a phone
// to read the code from across a room.
const (
	pageW     = 1654 // 210 mm
	pageH     = 2339 // 297 mm
	margin    = 110
	qrMax     = 900 // the code with its quiet zone, in pixels
	qrMin     = 500 // 7 cm: read from a metre or two
	quietZone = 4   // modules of white around the code, as the standard asks
)

var (
	blue  = color.RGBA{R: 0, G: 101, B: 163, A: 255} // the chart's "this year"
	ink   = color.RGBA{R: 20, G: 20, B: 20, A: 255}
	grey  = color.RGBA{R: 90, G: 90, B: 90, A: 255}
	white = color.RGBA{R: 255, G: 255, B: 255, A: 255}
)

// Image draws the poster.
func (p Poster) Image() (*image.RGBA, error) {
	if p.Link == "" {
		return nil, fmt.Errorf("poster: no link for the QR code")
	}
	regular, err := loadFaces(false)
	if err != nil {
		return nil, err
	}
	bold, err := loadFaces(true)
	if err != nil {
		return nil, err
	}
	width := pageW - 2*margin
	heading := setText(bold, p.Heading, 48, width, p.RTL)
	name := setText(bold, p.Name, 80, width, false)
	address := setText(regular, p.Address, 46, width, false)
	timesHeading := setText(bold, p.TimesHeading, 46, width, p.RTL)
	var times, scan []paragraph
	for _, t := range p.Times {
		times = append(times, setText(regular, t, 46, width, p.RTL))
	}
	for _, l := range p.Scan {
		scan = append(scan, setText(regular, l.Text, 40, width, l.RTL))
	}
	link := setText(regular, p.Link, 30, width, false)

	// The code gets the room the texts leave, up to qrMax.
	bandH := 90 + heading.total() + 20 + name.total() + 70
	textH := bandH + 50 + address.total() + 30 + timesHeading.total() + 30 + 10 + link.total() + 40
	for _, t := range times {
		textH += t.total()
	}
	for _, s := range scan {
		textH += s.total() + 6
	}
	size := min(qrMax, pageH-margin-textH)
	if size < qrMin {
		return nil, fmt.Errorf("poster: the texts leave %d pixels for the QR code, want at least %d; shorten them", size, qrMin)
	}

	img := image.NewRGBA(image.Rect(0, 0, pageW, pageH))
	draw.Draw(img, img.Bounds(), image.NewUniform(white), image.Point{}, draw.Src)
	// A band in the desk's blue: what it is, and where.
	draw.Draw(img, image.Rect(0, 0, pageW, bandH), image.NewUniform(blue), image.Point{}, draw.Src)
	y := heading.draw(img, margin, pageW-margin, 90, center, white)
	name.draw(img, margin, pageW-margin, y+20, center, white)

	y = address.draw(img, margin, pageW-margin, bandH+50, center, ink) + 30
	y = timesHeading.draw(img, margin, pageW-margin, y, center, ink)
	for _, t := range times {
		y = t.draw(img, margin, pageW-margin, y, center, ink)
	}

	y += 30
	code, err := qrImage(p.Link, size)
	if err != nil {
		return nil, err
	}
	at := image.Pt((pageW-size)/2, y)
	draw.Draw(img, image.Rectangle{Min: at, Max: at.Add(image.Pt(size, size))}, code, image.Point{}, draw.Src)
	y += size + 10

	// "Scan to ask in your language", in every language, each in its
	// own script and direction.
	for _, s := range scan {
		y = s.draw(img, margin, pageW-margin, y, center, ink) + 6
	}
	link.draw(img, margin, pageW-margin, y+40, center, grey)
	return img, nil
}

// qrImage is the QR code of link, size pixels square with its quiet zone,
// each module a whole number of pixels so a scanner sees sharp edges.
func qrImage(link string, size int) (*image.Gray, error) {
	// Level M recovers 15% of the code: a poster gets scuffed and
	// photographed at an angle; the link stays short enough for large
	// modules.
	code, err := qr.Encode(link, qr.M, qr.Auto)
	if err != nil {
		return nil, fmt.Errorf("poster: QR code: %w", err)
	}
	n := code.Bounds().Dx()
	module := size / (n + 2*quietZone)
	img := image.NewGray(image.Rect(0, 0, size, size))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	offset := (size - n*module) / 2
	for y := range n {
		for x := range n {
			if c, _, _, _ := code.At(code.Bounds().Min.X+x, code.Bounds().Min.Y+y).RGBA(); c == 0 {
				r := image.Rect(offset+x*module, offset+y*module, offset+(x+1)*module, offset+(y+1)*module)
				draw.Draw(img, r, image.NewUniform(color.Black), image.Point{}, draw.Src)
			}
		}
	}
	return img, nil
}

// WritePNG writes the poster as a PNG of an A4 page at 200 dpi.
func (p Poster) WritePNG(w io.Writer) error {
	img, err := p.Image()
	if err != nil {
		return err
	}
	return encodePNG(w, img)
}

// encodePNG writes img; the fastest compression makes a file only 5%
// larger than the best (mostly white), in a fifth of the time.
func encodePNG(w io.Writer, img image.Image) error {
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(w, img); err != nil {
		return fmt.Errorf("poster: png: %w", err)
	}
	return nil
}

// WritePDF writes the poster as a one-page A4 PDF holding the picture,
// lossless, dated created (a PDF records when it was made).
func (p Poster) WritePDF(w io.Writer, created time.Time) error {
	img, err := p.Image()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := encodePNG(&buf, img); err != nil {
		return err
	}
	doc := fpdf.New("P", "mm", "A4", "")
	doc.SetCreationDate(created)
	doc.SetModificationDate(created)
	doc.SetTitle(p.Name, true)
	doc.SetMargins(0, 0, 0)
	doc.SetAutoPageBreak(false, 0)
	doc.AddPage()
	doc.RegisterImageOptionsReader("poster", fpdf.ImageOptions{ImageType: "PNG"}, &buf)
	doc.ImageOptions("poster", 0, 0, 210, 297, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	if err := doc.Output(w); err != nil {
		return fmt.Errorf("poster: pdf: %w", err)
	}
	return nil
}
