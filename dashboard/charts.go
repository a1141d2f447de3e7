package dashboard

import (
	"fmt"
	"maps"
	"slices"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// chartView is one chart on a page. go-echarts builds the ECharts option object; the page
// carries it as a JSON data block (no inline script, for the CSP) that static/app.js hands
// to echarts.init. DataURL and JSONURL are the data behind the chart.
type chartView struct {
	ID      string
	Title   string
	Caption string
	Options any
	DataURL string
	JSONURL string
	Height  int
	Map     bool // needs the China map (static/vendor/china.js)
}

type jsonOptions interface {
	Validate()
	JSON() map[string]any
}

// common are the options every chart has: no animation (screenshots and tests see the
// final frame), a PNG download, our own assets host (nothing from a CDN).
func common(id, title string, lang string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id, AssetsHost: "/static/vendor/", Renderer: "canvas"}),
		charts.WithAnimation(false),
		charts.WithTitleOpts(opts.Title{Title: title, Left: "center"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "bottom"}),
		charts.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(true), Right: "20px", Feature: &opts.ToolBoxFeature{
			SaveAsImage: &opts.ToolBoxFeatureSaveAsImage{Show: opts.Bool(true), Type: "png", Name: id, Title: T(lang, "save_png")},
		}}),
	}
}

func finish(c jsonOptions, id, title string, height int) chartView {
	c.Validate()
	return chartView{ID: id, Title: title, Options: c.JSON(), Height: height}
}

// series is one named line or bar series; a nil value is a gap.
type series struct {
	Name   string
	Values []*float64
}

func lineData(vs []*float64) []opts.LineData {
	out := make([]opts.LineData, len(vs))
	for i, v := range vs {
		if v == nil {
			out[i] = opts.LineData{Value: "-"}
		} else {
			out[i] = opts.LineData{Value: *v}
		}
	}
	return out
}

func lineChart(lang, id, title string, xs []string, ss []series) chartView {
	l := charts.NewLine()
	l.SetGlobalOptions(append(common(id, title, lang),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Scale: opts.Bool(true)}))...)
	l.SetXAxis(xs)
	for _, s := range ss {
		l.AddSeries(s.Name, lineData(s.Values), charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(true), ShowSymbol: opts.Bool(true)}))
	}
	return finish(l, id, title, 360)
}

func barChart(lang, id, title string, xs []string, ss []series, horizontal bool) chartView {
	b := charts.NewBar()
	b.SetGlobalOptions(append(common(id, title, lang),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}))...)
	b.SetXAxis(xs)
	for _, s := range ss {
		d := make([]opts.BarData, len(s.Values))
		for i, v := range s.Values {
			if v == nil {
				d[i] = opts.BarData{Value: "-"}
			} else {
				d[i] = opts.BarData{Value: *v}
			}
		}
		b.AddSeries(s.Name, d)
	}
	h := 360
	if horizontal {
		b.XYReversal()
		h = max(360, 24*len(xs)+120)
		b.SetGlobalOptions(charts.WithGridOpts(opts.Grid{Left: "30%"}))
	}
	return finish(b, id, title, h)
}

// heatChart draws cells (x index, y index, value) over categorical axes.
func heatChart(lang, id, title string, xs, ys []string, cells [][3]float64, maxV float64) chartView {
	h := charts.NewHeatMap()
	h.SetGlobalOptions(append(common(id, title, lang),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: xs, AxisLabel: &opts.AxisLabel{Rotate: 40, Interval: "0"}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: ys, AxisLabel: &opts.AxisLabel{Interval: "0"}}),
		charts.WithGridOpts(opts.Grid{Left: "25%", Bottom: "30%"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(true), Min: 0, Max: float32(maxV),
			Orient: "horizontal", Left: "center", Top: "30",
			InRange: &opts.VisualMapInRange{Color: []string{"#f3f6fa", "#2f6db5"}}}))...)
	d := make([]opts.HeatMapData, len(cells))
	for i, c := range cells {
		d[i] = opts.HeatMapData{Value: [3]any{int(c[0]), int(c[1]), c[2]}}
	}
	h.AddSeries(title, d)
	return finish(h, id, title, max(360, 26*len(ys)+220))
}

// mapChart colours the provinces of the ECharts China map by value.
func mapChart(lang, id, title string, values map[string]float64) chartView {
	m := charts.NewMap()
	m.RegisterMapType("china")
	maxV := 0.0
	// in name order: the same data must render the same bytes (the response cache, tests)
	d := make([]opts.MapData, 0, len(values))
	for _, name := range slices.Sorted(maps.Keys(values)) {
		v := values[name]
		d = append(d, opts.MapData{Name: name, Value: v})
		maxV = max(maxV, v)
	}
	if maxV == 0 {
		maxV = 1
	}
	m.SetGlobalOptions(append(common(id, title, lang),
		charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(true), Min: 0, Max: float32(maxV),
			Left: "left", Top: "bottom", InRange: &opts.VisualMapInRange{Color: []string{"#e0ecf8", "#08519c"}}}))...)
	m.AddSeries(title, d)
	cv := finish(m, id, title, 480)
	cv.Map = true
	return cv
}

func f64(v float64) *float64 { return &v }

func pct(v any) string {
	f, ok := num(v)
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", 100*f)
}
