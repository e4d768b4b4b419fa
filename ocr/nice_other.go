//go:build !linux

package ocr

// lowerPriority is Linux's alone; elsewhere the programs run at the bot's
// priority.
func lowerPriority(int) {}
