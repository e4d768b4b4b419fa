package chart_test

import (
	"bytes"
	"image/png"
	"os"
	"testing"

	"spreekuurbot/chart"
)

func TestMonthly(t *testing.T) {
	data, err := chart.Monthly([12]int{120, 140, 160, 150, 130, 110, 60, 70, 150, 170, 165, 0}, [12]int{110, 120, 150, 140, 120, 100, 50, 60, 140, 160, 150, 120}, chart.Labels{
		Title: "Hulpvragen per maand", ThisYear: "2026", LastYear: "2025",
		Months: [12]string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"},
	})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1080 || b.Dy() != 1080 {
		t.Errorf("size %v, want 1080×1080 for a phone", b)
	}
	if dir := os.Getenv("CHART_OUT"); dir != "" {
		os.WriteFile(dir+"/monthly.png", data, 0o644)
	}
}
