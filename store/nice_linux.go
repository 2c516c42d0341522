//go:build linux

package store

import (
	"runtime"
	"syscall"
)

// inBackground runs fn on an OS thread of its own at the lowest CPU
// priority (nice 19: Linux sets it per thread), so that a long check
// yields the processor to the interface. The thread ends with fn: the
// goroutine exits still locked to it.
func inBackground(fn func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread()
		syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), 19)
		fn()
	}()
	<-done
}
