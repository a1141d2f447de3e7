package dashboard_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// browser starts a fresh headless Chromium, or skips when none is installed (CI installs
// the Debian chromium package).
func browser(t *testing.T) (context.Context, *consoleLog) {
	t.Helper()
	var bin string
	for _, b := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(b); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Skip("end-to-end tests need chromium (apt-get install chromium fonts-wqy-microhei)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	cl := &consoleLog{}
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				cl.add(string(e.Type) + ": " + strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			cl.add(fmt.Sprintf("exception: %s %v", e.ExceptionDetails.Text, e.ExceptionDetails.Exception))
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				cl.add("log: " + e.Entry.Text + " " + e.Entry.URL)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	enable := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, log.Enable, cdp.Empty{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, runtime.Enable, cdp.Empty{})
		return err
	})
	if err := chromedp.Do(ctx, enable); err != nil {
		t.Fatal(err)
	}
	return ctx, cl
}

type consoleLog struct {
	mu   sync.Mutex
	msgs []string
}

func (c *consoleLog) add(s string) { c.mu.Lock(); c.msgs = append(c.msgs, s); c.mu.Unlock() }
func (c *consoleLog) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.msgs
	c.msgs = nil
	return m
}

func artifacts(t *testing.T) string {
	dir := os.Getenv("NIANBAO_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "nianbao-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// chartPixels returns, per chart canvas on the page, how many pixels are neither
// transparent nor white.
const chartPixels = `Array.from(document.querySelectorAll('div.chart canvas')).map(function (c) {
  var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;
  for (var i = 0; i < d.length; i += 4) { if (d[i+3] > 0 && (d[i] < 245 || d[i+1] < 245 || d[i+2] < 245)) n++; }
  return n;
})`

func TestBrowserPages(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	ctx, cl := browser(t)
	dir := artifacts(t)
	t.Logf("screenshots in %s", dir)
	// Add a report page, found through search as a user would.
	all := append([]struct{ path, want string }{}, pages...)
	_, body := get(t, "/search?q=%E6%9C%AC%E5%B9%B4%E6%96%B0%E6%94%B6")
	if i := strings.Index(body, "/report/"); i >= 0 {
		all = append(all, struct{ path, want string }{body[i : i+24], "doctext"})
	}
	for i, p := range all {
		name := fmt.Sprintf("%02d", i) + strings.NewReplacer("/", "_", "?", "_", "=", "-", "&", "_", "%", "").Replace(p.path)
		name = name[:min(len(name), 60)]
		t.Run(p.path, func(t *testing.T) {
			tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			err := chromedp.Do(tctx, chromedp.Navigate(fx.ts.URL+p.path), chromedp.WaitReady(chromedp.CSS("footer")))
			if err != nil {
				t.Fatal(err)
			}
			charts, err := chromedp.Run(tctx, chromedp.Evaluate[int](`document.querySelectorAll('div.chart').length`))
			if err != nil {
				t.Fatal(err)
			}
			if charts > 0 {
				err := chromedp.Do(tctx, chromedp.WaitVisible(chromedp.CSS(`div.chart[data-ready="1"]`)), chromedp.Sleep(300*time.Millisecond))
				if err != nil {
					t.Fatal(err)
				}
				pix, err := chromedp.Run(tctx, chromedp.Evaluate[[]int](chartPixels))
				if err != nil {
					t.Fatal(err)
				}
				if len(pix) < charts {
					t.Errorf("%d charts but %d canvases", charts, len(pix))
				}
				for i, n := range pix {
					if n < 500 {
						t.Errorf("chart canvas %d is blank (%d coloured pixels)", i, n)
					}
				}
			}
			shot, err := chromedp.Run(tctx, chromedp.FullScreenshot(100)) // 100: PNG (lower is JPEG)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name+".png"), shot, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, m := range cl.take() {
				t.Errorf("console: %s", m)
			}
		})
	}
}

// TestBrowserFilterChangesChart picks another indicator on the region page: the form
// submits itself, the URL carries the filter and the ranking chart shows other data.
func TestBrowserFilterChangesChart(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	ctx, cl := browser(t)
	ctx, cancel := context.WithTimeout(ctx, 40*time.Second)
	defer cancel()
	const series = `JSON.stringify(echarts.getInstanceByDom(document.getElementById('ranking-bar')).getOption().series.map(function (s) { return s.data; }))`
	ready := chromedp.WaitVisible(chromedp.CSS(`#ranking-bar[data-ready="1"]`))
	if err := chromedp.Do(ctx, chromedp.Navigate(fx.ts.URL+"/regions?metric=grant_rate"), ready); err != nil {
		t.Fatal(err)
	}
	before, err := chromedp.Run(ctx, chromedp.Evaluate[string](series))
	if err != nil {
		t.Fatal(err)
	}
	// Choosing another indicator submits the filter form (static/app.js).
	const pick = `(function () { var s = document.getElementById('f-metric'); s.value = 'refusal_rate';
	  s.dispatchEvent(new Event('change')); return true; })()`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](pick)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Sleep(700*time.Millisecond), ready); err != nil {
		t.Fatal(err)
	}
	url, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	after, err := chromedp.Run(ctx, chromedp.Evaluate[string](series))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(url, "metric=refusal_rate") {
		t.Errorf("URL after the filter change: %s", url)
	}
	if before == after {
		t.Errorf("the chart did not change: %s", after)
	}
	for _, m := range cl.take() {
		t.Errorf("console: %s", m)
	}
}
