package data

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRegionTable(t *testing.T) {
	rs := LoadRegions()
	if rs != LoadRegions() {
		t.Fatal("LoadRegions parsed twice; callers rely on one shared table")
	}
	// china-division 2.7.0 has 31 provinces, 333 prefectures and ~2,970 county-level units
	// (with the statistical development zones); a big drop means a broken regeneration.
	if n := rs.Len(); n < 3200 || n > 3500 {
		t.Fatalf("Len = %d, want about 3,300", n)
	}
	levels := map[string]int{}
	for _, g := range rs.All() {
		levels[g.Level]++
		if g.Level != LevelProvince {
			p, ok := rs.Lookup(g.Parent)
			if !ok {
				t.Errorf("%s %s: parent %s missing", g.Code, g.Name, g.Parent)
			} else if g.Level == LevelCity && p.Level != LevelProvince {
				t.Errorf("city %s %s under %s", g.Code, g.Name, p.Level)
			}
		}
	}
	if levels[LevelProvince] != 31 {
		t.Errorf("provinces = %d, want 31", levels[LevelProvince])
	}
	for code, want := range map[string]Region{
		"360700": {"360700", "赣州市", "360000", LevelCity},
		"510802": {"510802", "利州区", "510800", LevelCounty},
		"469030": {"469030", "琼中黎族苗族自治县", "460000", LevelCounty}, // no 省直辖 placeholder
		"110102": {"110102", "西城区", "110000", LevelCounty},       // no 市辖区 placeholder
		"441900": {"441900", "东莞市", "440000", LevelCity},
		"350128": {"350128", "平潭县", "350100", LevelCounty},
	} {
		if got, ok := rs.Lookup(code); !ok || got != want {
			t.Errorf("Lookup(%s) = %+v, %v; want %+v", code, got, ok, want)
		}
	}
	if _, ok := rs.Lookup("620201"); ok {
		t.Error("嘉峪关市 repeated as its own county (620201) should have been dropped")
	}
	kids := rs.Children("360700")
	if len(kids) < 18 || kids[0].Code != "360702" {
		t.Errorf("Children(360700) = %d regions starting %v; want 章贡区 first of ~18", len(kids), kids[:1])
	}
}

func TestParseRegionsErrors(t *testing.T) {
	for name, tsv := range map[string]string{
		"short line":     "110000\t北京市\t\n",
		"bad level":      "110000\t北京市\t\tcountry\n",
		"duplicate":      "110000\t北京市\t\tprovince\n110000\t北京\t\tprovince\n",
		"unknown parent": "110101\t东城区\t119900\tcounty\n",
	} {
		if _, err := parseRegions(tsv, ""); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := parseRegions("110000\t北京市\t\tprovince\n", "崇文区\t110101\tx\n"); err == nil {
		t.Error("rename to unknown code: no error")
	}
}

type organCase struct {
	name, organ            string
	code, level, parent    string
	province, city, county string
	office                 bool
}

// organCases are real organ names from the sample manifests and labels, plus real organs
// from across provinces and levels that exercise one rule each.
var organCases = []organCase{
	// data/sample/seeds (labels give the level)
	{"seed city", "赣州市人民政府", "360700", "city", "360000", "江西省", "赣州市", "", false},
	{"seed city 2008", "安庆市人民政府", "340800", "city", "340000", "安徽省", "安庆市", "", false},
	{"seed county office is the county", "广元市利州区人民政府办公室", "510802", "county", "510800", "四川省", "广元市", "利州区", true},
	{"seed autonomous county under province", "琼中黎族苗族自治县人民政府", "469030", "county", "460000", "海南省", "", "琼中黎族苗族自治县", false},
	// data/sample/t2019
	{"municipal general office is a department", "上海市人民政府办公厅", "310000", "department", "310000", "上海市", "", "", true},
	{"pingtan zone with note", "平潭综合实验区（管委会，全区汇总）", "350128", "city", "350000", "福建省", "福州市", "平潭县", false},
	{"note must not make an office", "淮安市人民政府（全市汇总，市政府办公室编制）", "320800", "city", "320000", "江苏省", "淮安市", "", false},
	{"district with city prefix", "淮安市洪泽区人民政府", "320813", "county", "320800", "江苏省", "淮安市", "洪泽区", false},
	// data/sample/prose (manifest gives the level)
	{"county in xinjiang", "伊宁县人民政府", "654021", "county", "654000", "新疆维吾尔自治区", "伊犁哈萨克自治州", "伊宁县", false},
	{"one-character county department", "道县文化广电新闻出版局", "431124", "department", "431124", "湖南省", "永州市", "道县", false},
	{"municipal department with note", "北京市地震局(据内容推断)", "110000", "department", "110000", "北京市", "", "", false},
	{"city government department", "乐山市人民政府法制办公室", "511100", "department", "511100", "四川省", "乐山市", "", false},
	{"township named by note", "凤安镇人民政府(紫金县)", "441621", "township", "441621", "广东省", "河源市", "紫金县", false},
	{"township under county", "屯昌县南吕镇人民政府", "469022", "township", "469022", "海南省", "", "屯昌县", false},
	{"district", "厦门市湖里区人民政府", "350206", "county", "350200", "福建省", "厦门市", "湖里区", false},
	{"subdistrict office", "北京市西城区广安门内街道办事处", "110102", "township", "110102", "北京市", "", "西城区", false},
	{"subdistrict of county-level city", "瑞安市上望街道办事处", "330381", "township", "330381", "浙江省", "温州市", "瑞安市", false},
	{"province", "湖南省人民政府", "430000", "province", "100000", "湖南省", "", "", false},
	{"township named like a city", "大竹县朝阳乡人民政府", "511724", "township", "511724", "四川省", "达州市", "大竹县", false},
	{"town of county-level city", "开平市沙塘镇人民政府", "440783", "township", "440783", "广东省", "江门市", "开平市", false},
	{"city bureau", "黄石市环境保护局", "420200", "department", "420200", "湖北省", "黄石市", "", false},
	{"district bureau", "温州市瓯海区统计局", "330304", "department", "330304", "浙江省", "温州市", "瓯海区", false},
	{"province 2009", "江苏省人民政府", "320000", "province", "100000", "江苏省", "", "", false},
	{"county", "沙洋县人民政府", "420822", "county", "420800", "湖北省", "荆门市", "沙洋县", false},
	{"district bureau 2008", "淄博市临淄区林业局", "370305", "department", "370305", "山东省", "淄博市", "临淄区", false},
	{"county with long note", "兰考县人民政府(据同站2012年报推断; 镜像站将机关名替换为广告词)", "410225", "county", "410200", "河南省", "开封市", "兰考县", false},
	{"ministry", "人力资源和社会保障部(含国家公务员局)", "100000", "department", "100000", "", "", "", false},
	{"pingtan 管委会", "平潭综合实验区管委会", "350128", "city", "350000", "福建省", "福州市", "平潭县", false},
	{"pingtan office", "平潭综合实验区管委会办公室", "350128", "department", "350128", "福建省", "福州市", "平潭县", true},
	// other real organs
	{"province-less short name", "利州区人民政府", "510802", "county", "510800", "四川省", "广元市", "利州区", false},
	{"short autonomous county", "琼中县人民政府", "469030", "county", "460000", "海南省", "", "琼中黎族苗族自治县", false},
	{"short autonomous prefecture", "恩施州人民政府", "422800", "city", "420000", "湖北省", "恩施土家族苗族自治州", "", false},
	{"ambiguous name settled by city", "深圳市南山区人民政府", "440305", "county", "440300", "广东省", "深圳市", "南山区", false},
	{"ambiguous name settled by note", "鼓楼区人民政府(福州市)", "350102", "county", "350100", "福建省", "福州市", "鼓楼区", false},
	{"市中区 under 乐山", "乐山市市中区人民政府", "511102", "county", "511100", "四川省", "乐山市", "市中区", false},
	{"full chain", "江苏省淮安市洪泽区人民政府", "320813", "county", "320800", "江苏省", "淮安市", "洪泽区", false},
	{"former county name", "洪泽县人民政府", "320813", "county", "320800", "江苏省", "淮安市", "洪泽区", false},
	{"former county-level city", "吴江市人民政府", "320509", "county", "320500", "江苏省", "苏州市", "吴江区", false},
	{"renamed city", "襄樊市人民政府", "420600", "city", "420000", "湖北省", "襄阳市", "", false},
	{"merged district", "北京市宣武区人民政府", "110102", "county", "110000", "北京市", "", "西城区", false},
	{"地区 became 市", "铜仁地区行政公署", "520600", "city", "520000", "贵州省", "铜仁市", "", false},
	{"city named like its province", "吉林市人民政府", "220200", "city", "220000", "吉林省", "吉林市", "", false},
	{"autonomous region", "广西壮族自治区人民政府", "450000", "province", "100000", "广西壮族自治区", "", "", false},
	{"city office is a department", "赣州市人民政府办公厅", "360700", "department", "360700", "江西省", "赣州市", "", true},
	{"city without districts", "东莞市虎门镇人民政府", "441900", "township", "441900", "广东省", "东莞市", "", false},
	{"county directly under province", "仙桃市人民政府", "429004", "county", "420000", "湖北省", "", "仙桃市", false},
	{"vertically managed bureau", "国家税务总局北京市税务局", "110000", "department", "110000", "北京市", "", "", false},
	{"party committee office", "中共赣州市委办公室", "360700", "department", "360700", "江西省", "赣州市", "", false},
	{"城乡 is not a township", "广州市住房和城乡建设局", "440100", "department", "440100", "广东省", "广州市", "", false},
	{"乡村 is not a township", "长沙市乡村振兴局", "430100", "department", "430100", "湖南省", "长沙市", "", false},
	{"development zone", "苏州工业园区管委会", "320576", "county", "320500", "江苏省", "苏州市", "苏州工业园区", false},
	{"state council", "国务院", "100000", "national", "", "", "", "", false},
	{"state council office", "国务院办公厅", "100000", "department", "100000", "", "", "", true},
}

func TestResolveOrgan(t *testing.T) {
	for _, c := range organCases {
		t.Run(c.name, func(t *testing.T) {
			got := ResolveOrgan(c.organ)
			want := Resolution{Code: c.code, Level: c.level, Parent: c.parent, Province: c.province,
				City: c.city, County: c.county, Office: c.office, OK: true}
			if got != want {
				t.Errorf("ResolveOrgan(%q)\n got  %+v\n want %+v", c.organ, got, want)
			}
		})
	}
}

// Unresolvable organs come back with OK false, whatever could be read, and a reason.
func TestResolveOrganUnresolved(t *testing.T) {
	for _, c := range []struct{ name, organ, level, reason string }{
		{"ambiguous 鼓楼区", "鼓楼区人民政府", "", "ambiguous region: 320106 鼓楼区, 320302 鼓楼区, 350102 鼓楼区, 410204 鼓楼区"},
		{"ambiguous 南山区", "南山区人民政府", "", "ambiguous region: 230404 南山区, 440305 南山区"},
		{"unknown organ", "不详(某文物主管局, 2017年度报告片段)", "", "no known region in organ name"},
		{"township without county", "朝阳乡人民政府", "township", "no known region in organ name"},
		{"zone not in GB/T 2260", "雄安新区管委会", "department", "no known region in organ name"},
		{"empty", "", "", "no known region in organ name"},
		{"not an organ type", "赣州市2013年", "", "unrecognised organ type: 2013年"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := ResolveOrgan(c.organ)
			if got.OK || got.Level != c.level || got.Reason != c.reason {
				t.Errorf("ResolveOrgan(%q) = %+v; want OK false, level %q, reason %q", c.organ, got, c.level, c.reason)
			}
		})
	}
}

// The bundled sample labels and manifests carry the corpus's own levels: follow them.
func TestResolveOrganSampleLevels(t *testing.T) {
	files, _ := filepath.Glob("sample/*/*.jsonl")
	if len(files) == 0 {
		t.Skip("no data/sample")
	}
	n := 0
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var rec struct{ Organ, Level *string }
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if rec.Organ == nil || rec.Level == nil || strings.HasPrefix(*rec.Organ, "不详") {
				continue
			}
			n++
			if got := ResolveOrgan(*rec.Organ); !got.OK || got.Level != *rec.Level {
				t.Errorf("%s: %s: got %+v, want level %s", f, *rec.Organ, got, *rec.Level)
			}
		}
		fh.Close()
	}
	if n < 20 {
		t.Errorf("only %d labelled organs checked", n)
	}
}

func BenchmarkResolveOrgan(b *testing.B) {
	LoadRegions()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		ResolveOrgan(organCases[i%len(organCases)].organ)
	}
}

// BenchmarkLoadRegions is the one-time cost the first ResolveOrgan pays.
func BenchmarkLoadRegions(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseRegions(regionsTSV, renamesTSV); err != nil {
			b.Fatal(err)
		}
	}
}

// Organ names come from scraped pages: no input may panic, and OK must mean a code and level.
func FuzzResolveOrgan(f *testing.F) {
	for _, c := range organCases {
		f.Add(c.organ)
	}
	f.Add("（（赣州市")
	f.Add("\xe8\xb5")
	f.Fuzz(func(t *testing.T, organ string) {
		res := ResolveOrgan(organ)
		if res.OK && (res.Code == "" || res.Level == "") {
			t.Errorf("ResolveOrgan(%q) = %+v: OK without code or level", organ, res)
		}
	})
}

// TestIsLevel: the six levels and nothing else, exactly as written.
func TestIsLevel(t *testing.T) {
	tests := []struct {
		name string
		s    string
		want bool
	}{
		{"national", LevelNational, true},
		{"province", LevelProvince, true},
		{"city", LevelCity, true},
		{"county", LevelCounty, true},
		{"township", LevelTownship, true},
		{"department", LevelDepartment, true},
		{"empty", "", false},
		{"not a level", "village", false},
		{"another case", "County", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsLevel(tc.s); got != tc.want {
				t.Errorf("IsLevel(%q) = %v, want %v", tc.s, got, tc.want)
			}
		})
	}
}
