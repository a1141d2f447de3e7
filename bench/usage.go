package bench

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
	"time"
)

// peakRSS returns the process's peak resident set in bytes: VmHWM from /proc (which
// resetPeakRSS can reset between phases), else getrusage's ru_maxrss (never reset).
func peakRSS() int64 {
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range bytes.Split(b, []byte("\n")) {
			if v, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
				f := bytes.Fields(v)
				if len(f) > 0 {
					if kb, err := strconv.ParseInt(string(f[0]), 10, 64); err == nil {
						return kb << 10
					}
				}
			}
		}
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		return ru.Maxrss << 10 // kilobytes on Linux
	}
	return 0
}

// resetPeakRSS resets VmHWM to the current RSS (Linux ≥ 4.0: "5" to clear_refs), so each
// phase reports its own peak. It reports whether the kernel allowed it.
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// cpuTime returns the user and system time the process has used, all threads included
// (0 when getrusage fails).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
