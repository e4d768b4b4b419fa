// Package chart draws the year's figures as a PNG a coordinator can read
// on a phone: help requests per month, this year against last year.
package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Labels are the chart's texts, already in the reader's language.
type Labels struct {
	Title    string
	ThisYear string
	LastYear string
	Months   [12]string
}

// Monthly draws two bars per month: this year and last year's same month.
// Phone-sized: 1080×1080 pixels, large type.
func Monthly(this, last [12]int, l Labels) ([]byte, error) {
	p, err := monthly(this, last, l)
	if err != nil {
		return nil, err
	}
	canvas := vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(7.5*vg.Inch, 7.5*vg.Inch), vgimg.UseDPI(144))}
	p.Draw(draw.New(canvas))
	var buf bytes.Buffer
	if _, err := canvas.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("png: %w", err)
	}
	return buf.Bytes(), nil
}

// monthly lays out the chart that Monthly draws.
func monthly(this, last [12]int, l Labels) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = l.Title // may be empty: the caption then carries it
	p.Title.TextStyle.Font.Size = vg.Points(20)
	p.Y.Tick.Label.Font.Size = vg.Points(14)
	p.X.Tick.Label.Font.Size = vg.Points(14)
	p.Legend.TextStyle.Font.Size = vg.Points(16)
	p.Legend.Top = true

	width := vg.Points(14)
	bars := make([]*plotter.BarChart, 2)
	for i, values := range [][12]int{this, last} {
		v := make(plotter.Values, 12)
		for m := range values {
			v[m] = float64(values[m])
		}
		b, err := plotter.NewBarChart(v, width)
		if err != nil {
			return nil, fmt.Errorf("bars: %w", err)
		}
		b.LineStyle.Width = 0
		bars[i] = b
	}
	bars[0].Color = color.RGBA{R: 0, G: 101, B: 163, A: 255} // this year: a strong blue
	bars[0].Offset = -width / 2
	bars[1].Color = color.RGBA{R: 170, G: 170, B: 170, A: 255}
	bars[1].Offset = width / 2
	// Headroom above the tallest bar, so the legend covers none.
	top := 1
	for m := range this {
		top = max(top, this[m], last[m])
	}
	p.Y.Min, p.Y.Max = 0, float64(top)*1.25
	p.Y.Tick.Marker = countTicks{}
	p.Add(bars[0], bars[1])
	p.Legend.Add(l.ThisYear, bars[0])
	p.Legend.Add(l.LastYear, bars[1])
	p.NominalX(l.Months[:]...)
	p.X.Tick.Label.Rotation = 0.8
	p.X.Tick.Label.XAlign = draw.XRight
	return p, nil
}

// countTicks marks the y-axis at whole numbers only: it counts help
// requests, and 0.4 or 2.5 of one means nothing. The step is 1, 2 or 5
// times a power of ten, the smallest that needs at most six marks.
type countTicks struct{}

// Ticks implements plot.Ticker.
func (countTicks) Ticks(min, max float64) []plot.Tick {
	step := 1.0
	for i := 0; (max-min)/step > 6; i++ {
		step = []float64{2, 5, 10}[i%3] * math.Pow10(i/3) // 2, 5, 10, 20, 50, …
	}
	var ticks []plot.Tick
	for v := math.Ceil(min/step) * step; v <= max; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	return ticks
}
