package lettertest

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
)

// PhotoLongSide is the long side of a phone-like photo: Telegram sends a
// photo (not a file) at most 1280 pixels long.
const PhotoLongSide = 1280

// Photo turns a clean page into what a resident's phone sends: the page
// lying on a table, turned up to 5 degrees, seen at a slant (perspective),
// in uneven warm light, a little out of focus, with sensor noise, scaled
// to Telegram's photo size and saved as JPEG at quality 60.
func Photo(page *image.Gray, rng *rand.Rand) ([]byte, error) {
	pw, ph := float64(page.Bounds().Dx()), float64(page.Bounds().Dy())
	outH := PhotoLongSide
	outW := int(float64(outH) * 0.78)

	// Where the page's corners land in the photo: the page fills most of
	// the frame, turned and with each corner moved a little (perspective).
	angle := (rng.Float64()*2 - 1) * 5 * math.Pi / 180
	cx, cy := float64(outW)/2, float64(outH)/2
	scale := float64(outH) * (0.86 + 0.06*rng.Float64()) / ph
	jitter := func() float64 { return (rng.Float64()*2 - 1) * 0.025 * float64(outH) }
	var dst [4][2]float64
	for i, c := range [4][2]float64{{0, 0}, {pw, 0}, {pw, ph}, {0, ph}} {
		x, y := (c[0]-pw/2)*scale, (c[1]-ph/2)*scale
		dst[i] = [2]float64{
			cx + x*math.Cos(angle) - y*math.Sin(angle) + jitter(),
			cy + x*math.Sin(angle) + y*math.Cos(angle) + jitter(),
		}
	}
	// Map each photo pixel back to the page.
	h := homography(dst, [4][2]float64{{0, 0}, {pw, 0}, {pw, ph}, {0, ph}})

	out := image.NewGray(image.Rect(0, 0, outW, outH))
	table := 60 + rng.Float64()*50
	for y := range outH {
		for x := range outW {
			u, v := h.apply(float64(x)+0.5, float64(y)+0.5)
			val := table
			if u >= 0 && v >= 0 && u < pw && v < ph {
				val = area(page, u, v, 1/scale)
			}
			out.Pix[y*out.Stride+x] = clamp(val)
		}
	}
	out = blur(out, 0.3+0.4*rng.Float64())

	// Light: brighter from one side, darker in a corner, warm tint;
	// then noise.
	lx, ly := rng.Float64()*2-1, rng.Float64()*2-1
	rgb := image.NewRGBA(out.Bounds())
	for y := range outH {
		for x := range outW {
			nx, ny := float64(x)/float64(outW)*2-1, float64(y)/float64(outH)*2-1
			light := 0.78 + 0.16*(nx*lx+ny*ly)/2 - 0.12*(nx*nx+ny*ny)/2
			v := float64(out.Pix[y*out.Stride+x])*light + rng.NormFloat64()*6
			rgb.SetRGBA(x, y, color.RGBA{clamp(v * 1.02), clamp(v * 0.97), clamp(v * 0.86), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, rgb, &jpeg.Options{Quality: 60}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// area is the mean of the page over a square of side s around (u, v):
// downscaling without aliasing.
func area(page *image.Gray, u, v, s float64) float64 {
	r := int(s/2 + 0.5)
	x0, y0 := int(u), int(v)
	b := page.Bounds()
	sum, n := 0.0, 0
	for y := y0 - r; y <= y0+r; y++ {
		for x := x0 - r; x <= x0+r; x++ {
			if x < b.Min.X || y < b.Min.Y || x >= b.Max.X || y >= b.Max.Y {
				continue
			}
			sum += float64(page.Pix[(y-b.Min.Y)*page.Stride+(x-b.Min.X)])
			n++
		}
	}
	if n == 0 {
		return 255
	}
	return sum / float64(n)
}

func clamp(v float64) uint8 {
	switch {
	case v < 0:
		return 0
	case v > 255:
		return 255
	}
	return uint8(v + 0.5)
}

// blur is a Gaussian blur of the given sigma, in two passes.
func blur(src *image.Gray, sigma float64) *image.Gray {
	r := int(math.Ceil(sigma * 3))
	k := make([]float64, 2*r+1)
	sum := 0.0
	for i := range k {
		x := float64(i - r)
		k[i] = math.Exp(-x * x / (2 * sigma * sigma))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	tmp := make([]float64, w*h)
	for y := range h {
		for x := range w {
			v := 0.0
			for i, kv := range k {
				xx := min(max(x+i-r, 0), w-1)
				v += kv * float64(src.Pix[y*src.Stride+xx])
			}
			tmp[y*w+x] = v
		}
	}
	dst := image.NewGray(src.Bounds())
	for y := range h {
		for x := range w {
			v := 0.0
			for i, kv := range k {
				yy := min(max(y+i-r, 0), h-1)
				v += kv * tmp[yy*w+x]
			}
			dst.Pix[y*dst.Stride+x] = clamp(v)
		}
	}
	return dst
}

// proj is a projective transform (a homography) as a 3×3 matrix.
type proj [9]float64

func (m proj) apply(x, y float64) (float64, float64) {
	w := m[6]*x + m[7]*y + m[8]
	return (m[0]*x + m[1]*y + m[2]) / w, (m[3]*x + m[4]*y + m[5]) / w
}

// homography is the projective transform taking the four points from to
// the four points to.
func homography(from, to [4][2]float64) proj {
	// Eight equations in the eight unknowns h0..h7 (h8 = 1).
	var a [8][9]float64
	for i := range 4 {
		x, y, u, v := from[i][0], from[i][1], to[i][0], to[i][1]
		a[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		a[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	for c := range 8 { // Gauss-Jordan with partial pivoting
		p := c
		for r := c + 1; r < 8; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		for r := range 8 {
			if r == c {
				continue
			}
			f := a[r][c] / a[c][c]
			for k := c; k < 9; k++ {
				a[r][k] -= f * a[c][k]
			}
		}
	}
	var m proj
	for i := range 8 {
		m[i] = a[i][8] / a[i][i]
	}
	m[8] = 1
	return m
}
