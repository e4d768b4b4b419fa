package poster

import (
	"bytes"
	_ "embed"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"sort"
	"strings"
	"unicode"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// Noto Sans for the scripts Liberation Sans lacks (poster/fonts/OFL.txt).
var (
	//go:embed fonts/NotoSansArabic-Regular.ttf
	arabicTTF []byte
	//go:embed fonts/NotoSansEthiopic-Regular.ttf
	ethiopicTTF []byte
)

// faces are the fonts of one weight: Liberation Sans for Latin and
// Cyrillic (Dutch, English, Turkish, Polish, Somali, Ukrainian), Noto
// Sans for Arabic and for Ge'ez (Tigrinya).
type faces struct {
	latin, arabic, ethiopic *font.Face
}

// loadFaces parses the embedded fonts, regular or bold for the Latin
// letters (the other scripts have one weight here).
func loadFaces(bold bool) (faces, error) {
	latin := liberationsansregular.TTF
	if bold {
		latin = liberationsansbold.TTF
	}
	var f faces
	for _, p := range []struct {
		into *(*font.Face)
		ttf  []byte
		name string
	}{{&f.latin, latin, "Liberation Sans"}, {&f.arabic, arabicTTF, "Noto Sans Arabic"}, {&f.ethiopic, ethiopicTTF, "Noto Sans Ethiopic"}} {
		face, err := font.ParseTTF(bytes.NewReader(p.ttf))
		if err != nil {
			return faces{}, fmt.Errorf("font %s: %w", p.name, err)
		}
		*p.into = face
	}
	return f, nil
}

// ResolveFace picks the font for a rune: by its script, and for the
// signs all scripts share (spaces, digits, the Arabic comma) the first
// font that has it.
func (f faces) ResolveFace(r rune) *font.Face {
	switch language.LookupScript(r) {
	case language.Arabic:
		return f.arabic
	case language.Ethiopic:
		return f.ethiopic
	}
	for _, face := range []*font.Face{f.latin, f.arabic, f.ethiopic} {
		if _, ok := face.NominalGlyph(r); ok {
			return face
		}
	}
	return f.latin
}

// paragraph is text set in lines of at most a width, each line's runs
// shaped (Arabic joined, marks placed) and in visual order, with the
// height and ascent of each line from the fonts it uses.
type paragraph struct {
	lines   []shaping.Line
	heights []int
	ascents []int
}

// setText shapes text at size pixels in lines of at most width pixels.
// The paragraph runs right to left when rtl (Arabic); runs of the other
// direction inside it are ordered by the Unicode bidi algorithm.
func setText(f faces, text string, size, width int, rtl bool) paragraph {
	// Direction marks and isolates belong to a chat's rendering; the
	// paragraph's direction is given here, and no font draws the marks.
	text = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Bidi_Control, r) {
			return -1
		}
		return r
	}, text)
	runes := []rune(text)
	dir := di.DirectionLTR
	if rtl {
		dir = di.DirectionRTL
	}
	input := shaping.Input{Text: runes, RunEnd: len(runes), Direction: dir, Size: fixed.I(size), Face: f.latin}
	var seg shaping.Segmenter
	var shaper shaping.HarfbuzzShaper
	var outs []shaping.Output
	for _, run := range seg.Split(input, f) {
		outs = append(outs, shaper.Shape(run))
	}
	var wrapper shaping.LineWrapper
	lines, _ := wrapper.WrapParagraph(shaping.WrapConfig{Direction: dir}, width, runes, shaping.NewSliceIterator(outs))
	p := paragraph{lines: lines}
	for _, l := range lines {
		var ascent, descent fixed.Int26_6
		for _, run := range l {
			ascent = max(ascent, run.LineBounds.Ascent)
			descent = max(descent, -run.LineBounds.Descent)
		}
		// Lines of every script a like distance apart: one and a half
		// times the size, more where a font reaches further.
		p.ascents = append(p.ascents, ascent.Ceil())
		p.heights = append(p.heights, max((ascent+descent).Ceil(), size*3/2))
	}
	return p
}

// total is the paragraph's height in pixels.
func (p paragraph) total() int {
	n := 0
	for _, h := range p.heights {
		n += h
	}
	return n
}

// lineWidth is a line's advance in pixels.
func lineWidth(l shaping.Line) float32 {
	var w fixed.Int26_6
	for _, run := range l {
		w += run.Advance
	}
	return float32(w) / 64
}

// draw paints the paragraph with its first line's top at y, each line
// centred between left and right, or against the side where its
// direction starts when align is not center.
func (p paragraph) draw(dst draw.Image, left, right, y int, align alignment, c color.Color) int {
	for i, l := range p.lines {
		w := lineWidth(l)
		x := float32(left)
		switch {
		case align == center:
			x = float32(left) + (float32(right-left)-w)/2
		case align == start && len(l) > 0 && l[0].Direction.Progression() == di.TowardTopLeft:
			x = float32(right) - w
		}
		drawLine(dst, l, x, float32(y+p.ascents[i]), c)
		y += p.heights[i]
	}
	return y
}

// alignment places a line between the margins.
type alignment int

const (
	start  alignment = iota // left for left-to-right text, right for right-to-left
	center                  // in the middle
)

// drawLine fills the glyphs of one line, its runs in visual order, with
// the baseline at y, starting at x. The rasterizer covers the line's band
// only, not the whole page.
func drawLine(dst draw.Image, l shaping.Line, x, y float32, c color.Color) {
	if len(l) == 0 {
		return
	}
	runs := append(shaping.Line(nil), l...)
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].VisualIndex < runs[j].VisualIndex })
	size := float32(runs[0].Size) / 64
	band := image.Rect(dst.Bounds().Min.X, int(y-1.5*size), dst.Bounds().Max.X, int(y+0.8*size)).Intersect(dst.Bounds())
	if band.Empty() {
		return
	}
	var r vector.Rasterizer
	r.Reset(band.Dx(), band.Dy())
	pen := x
	for _, run := range runs {
		scale := float32(run.Size) / 64 / float32(run.Face.Upem())
		for _, g := range run.Glyphs {
			if outline, ok := run.Face.GlyphData(g.GlyphID).(font.GlyphOutline); ok {
				gx := pen + float32(g.XOffset)/64 - float32(band.Min.X)
				gy := y - float32(g.YOffset)/64 - float32(band.Min.Y)
				addOutline(&r, outline, gx, gy, scale)
			}
			pen += float32(g.Advance) / 64
		}
	}
	r.Draw(dst, band, image.NewUniform(c), image.Point{})
}

// addOutline adds a glyph's outline (font units, y up) to the rasterizer
// at (x, y) in pixels, y down.
func addOutline(r *vector.Rasterizer, o font.GlyphOutline, x, y, scale float32) {
	pt := func(p ot.SegmentPoint) (float32, float32) { return x + p.X*scale, y - p.Y*scale }
	for _, s := range o.Segments {
		switch s.Op {
		case ot.SegmentOpMoveTo:
			r.ClosePath()
			r.MoveTo(pt(s.Args[0]))
		case ot.SegmentOpLineTo:
			r.LineTo(pt(s.Args[0]))
		case ot.SegmentOpQuadTo:
			ax, ay := pt(s.Args[0])
			bx, by := pt(s.Args[1])
			r.QuadTo(ax, ay, bx, by)
		case ot.SegmentOpCubeTo:
			ax, ay := pt(s.Args[0])
			bx, by := pt(s.Args[1])
			cx, cy := pt(s.Args[2])
			r.CubeTo(ax, ay, bx, by, cx, cy)
		}
	}
	r.ClosePath()
}
