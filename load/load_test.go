package load_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"nianbao/load"
)

// TestRunCountsErrors: against a server failing every 10th request, and one too slow for
// the timeout, the run counts each kind of error.
func TestRunCountsErrors(t *testing.T) {
	var n atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/slow":
			time.Sleep(300 * time.Millisecond)
		case "/flaky":
			if n.Add(1)%10 == 0 {
				http.Error(w, "boom", http.StatusInternalServerError)
				return
			}
		}
		w.Write([]byte("ok"))
	}))
	defer ts.Close()
	tests := []struct {
		name     string
		path     string
		requests int
		errors   map[string]int
		statuses map[int]int
	}{
		{"every 10th fails", "/flaky", 40, map[string]int{load.ErrStatus: 4}, map[int]int{500: 4}},
		{"all time out", "/slow", 10, map[string]int{load.ErrTimeout: 10}, map[int]int{}},
		{"all fine", "/ok", 20, map[string]int{}, map[int]int{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := load.Run(context.Background(), load.Config{Base: ts.URL, Targets: []load.Target{{Name: tc.name, Path: tc.path}},
				Rate: 100, Duration: time.Duration(tc.requests) * 10 * time.Millisecond, Timeout: 100 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			if res.Requests != tc.requests {
				t.Errorf("requests = %d, want %d", res.Requests, tc.requests)
			}
			if len(res.Errors) != len(tc.errors) || res.ErrorCount() != sum(tc.errors) {
				t.Errorf("errors = %v, want %v", res.Errors, tc.errors)
			}
			for k, v := range tc.errors {
				if res.Errors[k] != v {
					t.Errorf("errors[%s] = %d, want %d", k, res.Errors[k], v)
				}
			}
			for k, v := range tc.statuses {
				if res.Statuses[k] != v {
					t.Errorf("statuses[%d] = %d, want %d", k, res.Statuses[k], v)
				}
			}
			if res.PerTarget[tc.name].Requests != tc.requests {
				t.Errorf("per-target requests = %d, want %d", res.PerTarget[tc.name].Requests, tc.requests)
			}
		})
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
