package convert

import (
	"sort"
	"strconv"
	"strings"

	"nianbao/data"
)

type metaField uint8

const (
	fIndex metaField = iota
	fPublisher
	fPublished
	fSubject
)

// metaLabels in order of preference within a field: 发布机构 names the publisher better
// than 来源, 发布日期 dates the page better than 成文日期.
var metaLabels = []struct {
	word  string
	field metaField
}{
	{"索引号", fIndex},
	{"发布机构", fPublisher}, {"发文机关", fPublisher}, {"发布单位", fPublisher}, {"发文单位", fPublisher},
	{"信息来源", fPublisher}, {"来源", fPublisher},
	{"发布日期", fPublished}, {"发布时间", fPublished}, {"发文日期", fPublished}, {"成文日期", fPublished},
	{"主题分类", fSubject},
}

type metaHit struct {
	pos, end int // label start, value start (after the colon)
	label    int // index into metaLabels
	colon    bool
}

// parseMeta reads the portal metadata block from the first maxLines lines of doc.Norm:
// label/value pairs laid out as table cells ("索引号\t000…"), as "label：value" runs on a
// line, or one per line.
func parseMeta(doc *data.Document, maxLines int) data.Meta {
	var m data.Meta
	best := [4]int{-1, -1, -1, -1}
	vals := [4]string{}
	s := doc.Norm
	for n := 0; n < maxLines && len(s) > 0; n++ {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if len(line) > 4096 {
			line = line[:4096]
		}
		if !strings.Contains(line, "：") && !strings.Contains(line, ":") && !strings.Contains(line, "\t") {
			continue
		}
		// The fields, without splitting the line into a slice: more says whether a
		// field follows f, and rest holds it.
		for rest, more := line, true; more; {
			f := rest
			if j := strings.IndexByte(rest, '\t'); j >= 0 {
				f, rest = rest[:j], rest[j+1:]
			} else {
				more = false
			}
			if len(f) > 512 {
				// A paragraph, not a metadata field; a label would sit at its start.
				f = f[:512]
			}
			hits := findLabels(f)
			for k, h := range hits {
				end := len(f)
				if k+1 < len(hits) {
					end = hits[k+1].pos
				}
				v := strings.TrimSpace(f[h.end:end])
				if v == "" && more && h.end == len(f) {
					next := rest
					if j := strings.IndexByte(rest, '\t'); j >= 0 {
						next = rest[:j]
					}
					if len(findLabels(next)) == 0 {
						v = strings.TrimSpace(next)
					}
				}
				v = strings.TrimRight(v, " ;；,，|")
				if v == "" || len(v) > 300 {
					continue
				}
				fld := metaLabels[h.label].field
				if best[fld] < 0 || h.label < best[fld] {
					best[fld], vals[fld] = h.label, v
				}
			}
		}
	}
	m.IndexNo = vals[fIndex]
	m.Publisher = vals[fPublisher]
	m.Subject = vals[fSubject]
	if v := vals[fPublished]; v != "" {
		if iso := parseDate(v); iso != "" {
			m.Published = iso
		} else {
			m.Published = v
		}
	}
	return m
}

// findLabels returns the labels in f that are followed by a colon or end the field, which
// keeps words like 来源 in prose from counting.
func findLabels(f string) []metaHit {
	if !mayHoldLabel(f) {
		return nil
	}
	var hits []metaHit
	for li, l := range metaLabels {
		for off := 0; off < len(f); {
			i := strings.Index(f[off:], l.word)
			if i < 0 {
				break
			}
			p := off + i
			off = p + len(l.word)
			rest := strings.TrimLeft(f[off:], " ")
			h := metaHit{pos: p, label: li}
			switch {
			case strings.HasPrefix(rest, "："):
				h.end, h.colon = len(f)-len(rest)+len("："), true
			case strings.HasPrefix(rest, ":"):
				h.end, h.colon = len(f)-len(rest)+1, true
			case rest == "" && strings.TrimSpace(f[:p]) == "":
				h.end = len(f)
			default:
				continue
			}
			hits = append(hits, h)
		}
	}
	if len(hits) < 2 {
		return hits
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].pos < hits[j].pos })
	// 信息来源 contains 来源: keep the longer label that starts first.
	out := hits[:1]
	for _, h := range hits[1:] {
		if h.pos < out[len(out)-1].end {
			continue
		}
		out = append(out, h)
	}
	return out
}

// parseDate reads the first date in s: 2020-01-31, 2020/1/31, 2020.01.31 or 2020年1月31日.
func parseDate(s string) string {
	for i := 0; i+4 <= len(s); i++ {
		if !isDigit(s[i]) || (i > 0 && isDigit(s[i-1])) {
			continue
		}
		y, rest, ok := digits(s[i:], 4, 4)
		if !ok || y < 1990 || y > 2100 {
			continue
		}
		rest, ok = dateSep(rest, "年")
		if !ok {
			continue
		}
		mo, rest, ok := digits(rest, 1, 2)
		if !ok || mo < 1 || mo > 12 {
			continue
		}
		rest, ok = dateSep(rest, "月")
		if !ok {
			continue
		}
		d, _, ok := digits(rest, 1, 2)
		if !ok || d < 1 || d > 31 {
			continue
		}
		return strconv.Itoa(y) + "-" + pad2(mo) + "-" + pad2(d)
	}
	return ""
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func digits(s string, lo, hi int) (int, string, bool) {
	n := 0
	for n < len(s) && n <= hi && isDigit(s[n]) {
		n++
	}
	if n < lo || n > hi {
		return 0, s, false
	}
	v, _ := strconv.Atoi(s[:n])
	return v, s[n:], true
}

func dateSep(s, cjk string) (string, bool) {
	s = strings.TrimLeft(s, " ")
	switch {
	case strings.HasPrefix(s, cjk):
		s = s[len(cjk):]
	case len(s) > 0 && (s[0] == '-' || s[0] == '/' || s[0] == '.'):
		s = s[1:]
	default:
		return s, false
	}
	return strings.TrimLeft(s, " "), true
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func isReportTitle(t []byte) bool {
	s := string(t)
	return strings.Contains(s, "年度报告") || strings.Contains(s, "年报")
}

// pickTitle prefers the part of <title> naming the report (portals append the site name),
// then a centred or bold heading naming it, then <title> as it is.
func pickTitle(tag, heading string) string {
	tag = strings.Join(strings.Fields(tag), " ")
	if isReportTitle([]byte(tag)) {
		for _, sep := range []string{" - ", "_", "|", " — ", "－", "--"} {
			if strings.Contains(tag, sep) {
				for _, p := range strings.Split(tag, sep) {
					if isReportTitle([]byte(p)) {
						tag = strings.TrimSpace(p)
						break
					}
				}
			}
		}
		return norm(tag)
	}
	if heading != "" {
		return norm(heading)
	}
	return norm(tag)
}

func norm(s string) string {
	n, _ := data.Normalize(s)
	return n
}

// textTitle finds a report title among the first lines of a text document.
func textTitle(doc *data.Document) string {
	s := doc.Norm
	for n := 0; n < 10 && len(s) > 0; n++ {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		line = strings.TrimSpace(strings.Trim(line, "\f"))
		if len(line) <= 300 && isReportTitle([]byte(line)) {
			return strings.Join(strings.Fields(line), " ")
		}
	}
	return ""
}

// mayHoldLabel reports whether some label of f could count: a label counts only where it
// ends just before a colon or at the end of the field (spaces between), so one look at
// those few places spares findLabels a search for each label through every line of
// prose that happens to hold a colon.
func mayHoldLabel(f string) bool {
	if labelBefore(f, len(f)) {
		return true
	}
	for i := 0; i < len(f); i++ {
		switch f[i] {
		case ':':
			if labelBefore(f, i) {
				return true
			}
		case 0xef: // "：" is EF BC 9A
			if strings.HasPrefix(f[i:], "：") && labelBefore(f, i) {
				return true
			}
		}
	}
	return false
}

// labelBefore reports whether f[:end], without the spaces it ends with, ends in a label.
func labelBefore(f string, end int) bool {
	t := strings.TrimRight(f[:end], " ")
	for _, l := range metaLabels {
		if strings.HasSuffix(t, l.word) {
			return true
		}
	}
	return false
}
