package data

import (
	"strings"
	"unicode/utf8"
)

// What kind of organ the text after the region names denotes.
type organKind int

const (
	kindUnknown    organKind = iota
	kindGovernment           // 人民政府, 管委会, 行政公署, or nothing at all
	kindOffice               // 人民政府办公室 / 办公厅
	kindTownship             // 南吕镇人民政府, 广安门内街道办事处
	kindDepartment           // 地震局, 人民政府法制办公室
)

// governmentWords name a government itself. 管委会 covers special zones and development
// zones; 行政公署/行署 the governments of 地区 before they became cities.
var governmentWords = []string{"人民政府", "管理委员会", "管委会", "行政公署", "行署", "政府"}

// townshipMarkers end a township's name; townshipTails may follow them.
var (
	townshipMarkers = []string{"街道", "镇", "乡", "苏木"}
	townshipTails   = []string{"", "人民政府", "政府", "办事处", "街道办事处", "人民政府办公室", "党政办公室"}
)

// classify reads the rest of an organ name once its regions are removed. It never looks
// at a region table, so a township or department without a known region still gets its
// kind (and the caller a level to report).
func classify(rest string) organKind {
	gov := false
	for _, w := range governmentWords {
		if strings.HasPrefix(rest, w) {
			rest, gov = rest[len(w):], true
			break
		}
	}
	switch {
	case rest == "":
		return kindGovernment
	case gov && (rest == "办公室" || rest == "办公厅" || rest == "办"):
		return kindOffice
	case isTownship(rest):
		return kindTownship
	case isDepartment(rest):
		return kindDepartment
	}
	return kindUnknown
}

// isTownship: a name of at least one character, a township marker, and only a government
// word after it. Requiring the tail keeps 城乡建设局 and 乡村振兴局 departments.
func isTownship(s string) bool {
	for _, mk := range townshipMarkers {
		for off := 0; ; {
			i := strings.Index(s[off:], mk)
			if i < 0 {
				break
			}
			i += off
			if i > 0 {
				tail := s[i+len(mk):]
				for _, t := range townshipTails {
					if tail == t {
						return true
					}
				}
			}
			off = i + len(mk)
		}
	}
	return false
}

// departmentEnds are the last characters of the names of government bodies: 局, 委(员会),
// 厅, 办(公室), (中)心, 院, 处, 所, 站, 队, 部, 署, 馆, 社, 行 (人民银行), 司, 团 (兵团), 校, 台, 组.
const departmentEnds = "局委会厅办室院心处所站队部署馆社行司团校台组"

func isDepartment(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	for _, c := range departmentEnds {
		if c == last {
			return s != ""
		}
	}
	return false
}

// national resolves organs of the central government, which name no region: 国务院, its
// 办公厅 and ministries (人力资源和社会保障部, 审计署, 海关总署, 国家税务总局, 中国人民银行).
func national(name string, res *Resolution) bool {
	name = strings.TrimPrefix(name, "中华人民共和国")
	switch {
	case name == "国务院" || name == "中央人民政府":
		res.Level = LevelNational
	case strings.HasPrefix(name, "国务院") && isDepartment(name):
		res.Level, res.Office = LevelDepartment, name == "国务院办公厅"
	case (strings.HasPrefix(name, "国家") || strings.HasPrefix(name, "中国")) && isDepartment(name),
		strings.HasSuffix(name, "部"), strings.HasSuffix(name, "署"), strings.HasSuffix(name, "总局"):
		res.Level = LevelDepartment
	default:
		return false
	}
	res.Code, res.OK = NationalCode, true
	if res.Level != LevelNational {
		res.Parent = NationalCode
	}
	return true
}
