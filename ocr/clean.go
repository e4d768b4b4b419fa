package ocr

import (
	"image"
	"image/draw"
	"math"
	"slices"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
)

// Steps are the clean-up steps for a photo before OCR. Each was kept
// because it measurably helped on the synthetic test set (see the README
// and TestSteps); DefaultSteps are those. Two more were measured and
// dropped: a black-and-white threshold (Otsu) before Tesseract, which
// does its own, lost a third of the deadlines; cropping to the text
// saved no measurable time and lost two.
type Steps struct {
	// Flatten evens out the light: each pixel is divided by the local
	// paper brightness, so a shadow or a dark corner turns white and the
	// table around the page disappears.
	Flatten bool
	// Deskew turns the page straight when it lies at up to MaxSkew
	// degrees.
	Deskew bool
	// XHeight, when positive, scales the page so that its lower-case
	// letters are this many pixels high (capitals about 1.4 times that).
	XHeight int
}

// DefaultSteps are the clean-up steps that help on phone photos.
var DefaultSteps = Steps{Flatten: true, Deskew: true, XHeight: 14}

// MaxSkew is the largest rotation, in degrees, that Deskew corrects.
const MaxSkew = 6.0

// maxCleanPixels bounds the image given to Tesseract after scaling.
const maxCleanPixels = 9_000_000

// grey converts any image to 8-bit grey; a JPEG's luma is taken as it is.
func grey(img image.Image) *image.Gray {
	b := img.Bounds()
	if y, ok := img.(*image.YCbCr); ok {
		g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
		for row := range b.Dy() {
			off := (row+b.Min.Y-y.Rect.Min.Y)*y.YStride + (b.Min.X - y.Rect.Min.X)
			copy(g.Pix[row*g.Stride:row*g.Stride+b.Dx()], y.Y[off:off+b.Dx()])
		}
		return g
	}
	if g, ok := img.(*image.Gray); ok && b.Min == (image.Point{}) {
		return g
	}
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(g, g.Bounds(), img, b.Min, draw.Src)
	return g
}

// clean prepares a photo or a scan for Tesseract.
func clean(img image.Image, s Steps) *image.Gray {
	g := grey(img)
	if s.Flatten {
		g = flatten(g)
	}
	ink := otsuLevel(g)
	angle := 0.0
	if s.Deskew {
		angle = skew(g, ink)
	}
	k := 1.0
	if s.XHeight > 0 {
		if x := xHeight(g, ink); x > 0 {
			k = min(max(float64(s.XHeight)/x, 0.5), 4)
		}
	}
	w, h := float64(g.Bounds().Dx()), float64(g.Bounds().Dy())
	if w*h*k*k > maxCleanPixels {
		k = math.Sqrt(maxCleanPixels / (w * h))
	}
	if math.Abs(k-1) < 0.25 {
		k = 1 // close enough: not worth the time
	}
	if angle != 0 || k != 1 {
		g = transform(g, angle, k)
	}
	return g
}

// flatten divides each pixel by the paper's brightness around it, taken
// as the brightest pixels of blocks larger than a line of text.
func flatten(g *image.Gray) *image.Gray {
	const block = 32
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	bw, bh := (w+block-1)/block, (h+block-1)/block
	bg := make([]float64, bw*bh)
	hist := make([]int, 256)
	for by := range bh {
		for bx := range bw {
			clear(hist)
			n := 0
			for y := by * block; y < min((by+1)*block, h); y++ {
				for _, v := range g.Pix[y*g.Stride+bx*block : y*g.Stride+min((bx+1)*block, w)] {
					hist[v]++
					n++
				}
			}
			// The 90th percentile: the paper, not a stray bright speck.
			need, v := n/10, 255
			for ; v > 0 && need > 0; v-- {
				need -= hist[v]
			}
			bg[by*bw+bx] = float64(max(v, 1))
		}
	}
	// A block full of text reads darker than the paper: take the
	// brightest of each block's neighbours.
	spread := make([]float64, len(bg))
	for by := range bh {
		for bx := range bw {
			m := 0.0
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					x, y := bx+dx, by+dy
					if x >= 0 && y >= 0 && x < bw && y < bh {
						m = max(m, bg[y*bw+x])
					}
				}
			}
			spread[by*bw+bx] = m
		}
	}
	// Blocks much darker than the paper are not paper (the table, the
	// floor): they turn white instead of into noise.
	sorted := slices.Clone(bg)
	slices.Sort(sorted)
	paper := sorted[len(sorted)*9/10]
	out := image.NewGray(g.Bounds())
	for y := range h {
		fy := (float64(y)+0.5)/block - 0.5
		y0 := min(max(int(math.Floor(fy)), 0), bh-1)
		y1 := min(y0+1, bh-1)
		ty := min(max(fy-float64(y0), 0), 1)
		for x := range w {
			fx := (float64(x)+0.5)/block - 0.5
			x0 := min(max(int(math.Floor(fx)), 0), bw-1)
			x1 := min(x0+1, bw-1)
			tx := min(max(fx-float64(x0), 0), 1)
			b := (spread[y0*bw+x0]*(1-tx)+spread[y0*bw+x1]*tx)*(1-ty) +
				(spread[y1*bw+x0]*(1-tx)+spread[y1*bw+x1]*tx)*ty
			v := float64(g.Pix[y*g.Stride+x]) / b * 255
			if bg[min(y/block, bh-1)*bw+min(x/block, bw-1)] < 0.6*paper {
				v = 255
			}
			out.Pix[y*out.Stride+x] = uint8(min(v, 255))
		}
	}
	return out
}

// skew finds the angle (degrees) at which the page's text lines run, from
// the dark pixels' row profile: at the right angle the rows of text stand
// out most sharply.
func skew(g *image.Gray, ink uint8) (angle float64) {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	// Sample the dark pixels (at most about 200,000 of them).
	var xs, ys []float64
	step := max(1, int(math.Sqrt(float64(w*h)/400_000)))
	for y := 0; y < h; y += step {
		for x := 0; x < w; x += step {
			if g.Pix[y*g.Stride+x] <= ink {
				xs = append(xs, float64(x-w/2))
				ys = append(ys, float64(y))
			}
		}
	}
	if len(xs) < 50 {
		return 0
	}
	profile := func(deg float64) []float64 {
		t := math.Tan(deg * math.Pi / 180)
		rows := make([]float64, (h+w)/step+1)
		for i := range xs {
			r := int((ys[i]-xs[i]*t)/float64(step)) + w/2/step
			if r >= 0 && r < len(rows) {
				rows[r]++
			}
		}
		return rows
	}
	sharpness := func(rows []float64) float64 {
		s := 0.0
		for _, v := range rows {
			s += v * v
		}
		return s
	}
	best := sharpness(profile(0))
	for _, coarse := range []float64{0.5, 0.1} {
		centre := angle
		for a := centre - 10*coarse; a <= centre+10*coarse+1e-9; a += coarse {
			if math.Abs(a) > MaxSkew {
				continue
			}
			if s := sharpness(profile(a)); s > best*1.0001 {
				best, angle = s, a
			}
		}
	}
	return angle
}

// xHeight is the median height, in pixels, of the dark connected
// shapes the size of a letter: most letters of a text are lower case, so
// it is the height of an x. Zero when there is too little text.
func xHeight(g *image.Gray, ink uint8) float64 {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	type run struct{ x0, x1, id int }
	parent := []int{}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	top, bottom, area := []int{}, []int{}, []int{}
	var prev, cur []run
	for y := range h {
		cur = cur[:0]
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		for x := 0; x < w; {
			if row[x] > ink {
				x++
				continue
			}
			x0 := x
			for x < w && row[x] <= ink {
				x++
			}
			id := len(parent)
			parent = append(parent, id)
			top, bottom, area = append(top, y), append(bottom, y), append(area, x-x0)
			// Join the runs of the row above that touch this one
			// (diagonals too).
			for _, p := range prev {
				if p.x1 >= x0-1 && p.x0 <= x {
					a, b := find(p.id), find(id)
					if a != b {
						parent[b] = a
						top[a], bottom[a] = min(top[a], top[b]), max(bottom[a], bottom[b])
						area[a] += area[b]
					}
				}
			}
			cur = append(cur, run{x0, x - 1, id})
			if len(parent) > 4_000_000 {
				return 0 // noise, not text
			}
		}
		prev, cur = cur, prev
	}
	var heights []int
	for i := range parent {
		if find(i) != i {
			continue
		}
		hgt := bottom[i] - top[i] + 1
		// Not specks of noise, not rules, blocks or the table's edge.
		if area[i] >= 6 && hgt >= 4 && hgt <= h/20 {
			heights = append(heights, hgt)
		}
	}
	if len(heights) < 50 {
		return 0
	}
	slices.Sort(heights)
	return float64(heights[len(heights)/2])
}

// transform turns g by -angle degrees around its centre and scales it by
// k, on a white ground.
func transform(g *image.Gray, angle, k float64) *image.Gray {
	w, h := float64(g.Bounds().Dx()), float64(g.Bounds().Dy())
	ow, oh := int(w*k+0.5), int(h*k+0.5)
	out := image.NewGray(image.Rect(0, 0, ow, oh))
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	// The page's rows run at +angle (down to the right for positive
	// angles); turn them back about the centre.
	a := -angle * math.Pi / 180
	c, s := math.Cos(a)*k, math.Sin(a)*k
	cx, cy := w/2, h/2
	ox, oy := float64(ow)/2, float64(oh)/2
	m := f64.Aff3{
		c, -s, ox - c*cx + s*cy,
		s, c, oy - s*cx - c*cy,
	}
	xdraw.BiLinear.Transform(out, m, g, g.Bounds(), xdraw.Src, nil)
	return out
}

// otsuLevel is the grey level that best splits ink from paper (Otsu's
// method).
func otsuLevel(g *image.Gray) uint8 {
	var hist [256]float64
	for _, v := range g.Pix {
		hist[v]++
	}
	total := float64(len(g.Pix))
	sum := 0.0
	for i, n := range hist {
		sum += float64(i) * n
	}
	var sumB, wB, best float64
	t := uint8(128)
	for i, n := range hist {
		wB += n
		if wB == 0 {
			continue
		}
		wF := total - wB
		if wF == 0 {
			break
		}
		sumB += float64(i) * n
		mB, mF := sumB/wB, (sum-sumB)/wF
		if v := wB * wF * (mB - mF) * (mB - mF); v > best {
			best, t = v, uint8(i)
		}
	}
	return t
}
