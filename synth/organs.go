package synth

import (
	"math/rand/v2"
	"strings"

	"nianbao/data"
)

// Organ is one publishing body of the synthetic corpus.
type Organ struct {
	Name       string // 发布机关 as the report prints it
	Short      string // how the body refers to itself in the text (我局, 我县, 本镇 …)
	Level      string // data.Level*
	RegionCode string // GB/T 2260 code of the region it belongs to
	Place      string // the region's name (广元市, 利州区 …) for 全市/全县 phrasing
	FirstYear  int    // the first year it publishes a report
}

// deptKinds are the departments every government has; the suffix decides how the body
// calls itself (我局, 我委 …).
var deptKinds = []string{
	"教育局", "财政局", "公安局", "民政局", "司法局", "人力资源和社会保障局", "自然资源局",
	"生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局",
	"文化和旅游局", "卫生健康委员会", "应急管理局", "审计局", "市场监督管理局", "统计局",
	"医疗保障局", "林业局", "发展和改革委员会", "科学技术局", "退役军人事务局", "政务服务管理局",
}

// townNames are common township names; a county seat is usually 城关镇 and the rest repeat
// across the country, as real ones do.
var townNames = []string{
	"城关镇", "新城镇", "东关街道", "西城街道", "城南街道", "河西乡", "新华镇", "白沙镇", "石桥镇",
	"龙泉镇", "太平镇", "永安乡", "长安镇", "和平乡", "青山镇", "红星乡", "三合镇", "柳林镇",
	"凤凰镇", "新安镇", "黄土乡", "桥头镇", "马家乡", "杨柳镇", "双河镇", "金山街道",
}

// buildOrgans returns n organs, deterministic for r. The mix follows the real corpus:
// mostly counties and departments, every province and city government present once the
// pool is large enough, townships as the long tail.
func buildOrgans(r *rand.Rand, n int) []Organ {
	regs := data.LoadRegions().All()
	var provs, cities, counties []data.Region
	byCode := map[string]data.Region{}
	for _, g := range regs {
		byCode[g.Code] = g
		switch g.Level {
		case data.LevelProvince:
			provs = append(provs, g)
		case data.LevelCity:
			cities = append(cities, g)
		case data.LevelCounty:
			counties = append(counties, g)
		}
	}
	var out []Organ
	seen := map[string]bool{}
	add := func(o Organ) {
		if len(out) >= n || seen[o.Name] {
			return
		}
		seen[o.Name] = true
		out = append(out, o)
	}
	for _, p := range provs {
		add(Organ{Name: p.Name + "人民政府", Short: "我省", Level: data.LevelProvince, RegionCode: p.Code, Place: p.Name, FirstYear: 2008})
		add(Organ{Name: p.Name + "人民政府办公厅", Short: "我厅", Level: data.LevelDepartment, RegionCode: p.Code, Place: p.Name, FirstYear: 2008})
	}
	for _, c := range cities {
		add(Organ{Name: c.Name + "人民政府", Short: "我市", Level: data.LevelCity, RegionCode: c.Code, Place: c.Name, FirstYear: 2008 + r.IntN(3)})
	}
	// The rest: counties 45%, departments 40%, townships 15%, drawn until n.
	for tries := 0; len(out) < n && tries < 50*n; tries++ {
		switch x := r.IntN(100); {
		case x < 45:
			c := counties[r.IntN(len(counties))]
			add(Organ{Name: countyName(c, byCode) + "人民政府", Short: selfOf(c.Name), Level: data.LevelCounty,
				RegionCode: c.Code, Place: c.Name, FirstYear: 2008 + r.IntN(5)})
		case x < 85:
			// A department of a city or a county government.
			var g data.Region
			var gname string
			if r.IntN(3) == 0 {
				g = cities[r.IntN(len(cities))]
				gname = g.Name
			} else {
				g = counties[r.IntN(len(counties))]
				gname = countyName(g, byCode)
			}
			kind := deptKinds[r.IntN(len(deptKinds))]
			short := "我局"
			if strings.HasSuffix(kind, "委员会") {
				short = "我委"
			}
			add(Organ{Name: gname + kind, Short: short, Level: data.LevelDepartment, RegionCode: g.Code, Place: g.Name, FirstYear: 2008 + r.IntN(8)})
		default:
			c := counties[r.IntN(len(counties))]
			if strings.Contains(c.Name, "开发区") || strings.Contains(c.Name, "高新") {
				continue // statistical zones have no townships of their own
			}
			t := townNames[r.IntN(len(townNames))]
			short := "我镇"
			switch {
			case strings.HasSuffix(t, "乡"):
				short = "我乡"
			case strings.HasSuffix(t, "街道"):
				short = "我街道"
			}
			suffix := "人民政府"
			if strings.HasSuffix(t, "街道") {
				suffix = "办事处"
			}
			add(Organ{Name: countyName(c, byCode) + t + suffix, Short: short, Level: data.LevelTownship, RegionCode: c.Code, Place: t, FirstYear: 2011 + r.IntN(9)})
		}
	}
	return out
}

// countyName prefixes a district with its city (朝阳区 exists in two cities); counties keep
// their own name more often than not, as their reports do.
func countyName(c data.Region, byCode map[string]data.Region) string {
	p, ok := byCode[c.Parent]
	if !ok || p.Level != data.LevelCity {
		return c.Name
	}
	if strings.HasSuffix(c.Name, "区") || len(c.Name) <= len("某县") {
		return p.Name + c.Name
	}
	return c.Name
}

// selfOf is how a county government refers to itself.
func selfOf(name string) string {
	switch {
	case strings.HasSuffix(name, "区"):
		return "我区"
	case strings.HasSuffix(name, "市"):
		return "我市"
	case strings.HasSuffix(name, "旗"):
		return "我旗"
	}
	return "我县"
}

// whole is the 全X word for the organ's region, used for whole-region figures.
func (o Organ) whole() string {
	switch o.Level {
	case data.LevelProvince:
		if strings.HasSuffix(o.Place, "市") {
			return "全市"
		}
		if strings.HasSuffix(o.Place, "自治区") {
			return "全区"
		}
		return "全省"
	case data.LevelCity:
		if strings.HasSuffix(o.Place, "州") {
			return "全州"
		}
		return "全市"
	case data.LevelCounty:
		return "全" + strings.TrimPrefix(o.Short, "我")
	}
	return ""
}
