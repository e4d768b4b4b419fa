package ocr

import "syscall"

// readingNice is the niceness of the programs that read a page.
const readingNice = 10

// lowerPriority makes the program with this pid yield to the bot on a busy
// core. It is best effort: a program that already ended has nothing to
// yield.
func lowerPriority(pid int) {
	_ = syscall.Setpriority(syscall.PRIO_PROCESS, pid, readingNice)
}
