package lettertest

import (
	"bytes"
	"fmt"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"runtime"

	"golang.org/x/sync/errgroup"
)

// The set the README's figures are measured on.
const (
	Seed = 17
	Size = 64
)

// Sample is a letter in every form the bot may receive it.
type Sample struct {
	Letter
	// Clean is the page as a PNG, as scanned; Photo a phone-like JPEG.
	Clean []byte `json:"-"`
	Photo []byte `json:"-"`
	// TextPDF has a text layer; ScannedPDF only an image of the page.
	TextPDF    []byte `json:"-"`
	ScannedPDF []byte `json:"-"`
}

// Build makes n letters from the seed and renders each in every form,
// using every core.
func Build(seed uint64, n int) ([]Sample, error) {
	r, err := NewRenderer()
	if err != nil {
		return nil, err
	}
	set := Set(seed, n)
	out := make([]Sample, n)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, l := range set {
		g.Go(func() error {
			s, err := r.sample(l, rand.New(rand.NewPCG(seed, uint64(1000+i))))
			if err != nil {
				return fmt.Errorf("letter %s: %w", l.Name, err)
			}
			out[i] = s
			return nil
		})
	}
	return out, g.Wait()
}

func (r *Renderer) sample(l Letter, rng *rand.Rand) (Sample, error) {
	s := Sample{Letter: l}
	page, err := r.Page(l)
	if err != nil {
		return s, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, page); err != nil {
		return s, err
	}
	s.Clean = buf.Bytes()
	if s.Photo, err = Photo(page, rng); err != nil {
		return s, err
	}
	if s.TextPDF, err = TextPDF(l); err != nil {
		return s, err
	}
	var scan bytes.Buffer
	if err := jpeg.Encode(&scan, page, &jpeg.Options{Quality: 75}); err != nil {
		return s, err
	}
	s.ScannedPDF, err = ScannedPDF(scan.Bytes())
	return s, err
}
