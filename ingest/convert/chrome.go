package convert

import "bytes"

var chromeWords = [][]byte{[]byte("nav"), []byte("menu"), []byte("footer"), []byte("header"),
	[]byte("breadcrumb"), []byte("crumb"), []byte("share"), []byte("sidebar")}

// chromeName reports whether an id or class value v, lv lower-cased, names site chrome.
func chromeName(v, lv []byte) bool {
	if len(v) == 0 || len(v) > 512 {
		return false
	}
	for _, w := range chromeWords {
		if bytes.Contains(lv, w) {
			return true
		}
	}
	return false
}

var keepMarkers = [][]byte{[]byte("政府信息公开条例"), []byte("索引号"), []byte("发布日期"), []byte("发文日期"),
	[]byte("发布时间"), []byte("成文日期"), []byte("发布机构"), []byte("发文机关"), []byte("主题分类")}

// closeRegion drops a chrome candidate's output unless it holds content: a table with
// digits, the metadata block, the report body or simply a lot of text.
func (h *htmlConv) closeRegion(r region) {
	b := &h.b
	if r.out > len(b.out) || h.digitTables > r.digitTables || len(b.out)-r.out >= regionKeepSize {
		return
	}
	got := b.out[r.out:]
	for _, m := range keepMarkers {
		if bytes.Contains(got, m) {
			return
		}
	}
	b.out = b.out[:r.out]
	b.lineStart, b.pending, b.last = r.lineStart, r.pending, r.last
	b.maxOff = min(b.maxOff, r.out)
	if len(b.done) > r.done {
		b.done = b.done[:r.done]
	}
}

var (
	crumbPrefixes = [][]byte{[]byte("当前位置"), []byte("您现在的位置"), []byte("您当前的位置"),
		[]byte("您的位置"), []byte("当前的位置"), []byte("您所在的位置"), []byte("所在位置")}
	printBar = [][]byte{[]byte("打印本页"), []byte("关闭窗口"), []byte("【打印】"), []byte("【关闭】"),
		[]byte("[打印]"), []byte("[关闭]"), []byte("打印此页")}
)

// dropChromeLine recognises the breadcrumb and the print/close bar, which portals render
// as plain lines outside any marked-up container.
func dropChromeLine(line []byte) bool {
	if len(line) < 400 {
		for _, p := range crumbPrefixes {
			if bytes.HasPrefix(line, p) {
				return true
			}
		}
	}
	if len(line) < 200 {
		for _, p := range printBar {
			if bytes.Contains(line, p) {
				return true
			}
		}
	}
	return false
}

// isLayoutTable looks ahead in the raw HTML from just after a <table> tag: a table that
// holds another table, or a cell with pages of content, lays out the page rather than
// holding data. Each scan stops at the first nested table, so nested tables cost linear
// time overall.
func isLayoutTable(src []byte, pos int) bool {
	if pos > len(src) {
		return false
	}
	s := src[pos:]
	cellStart := -1
	for i := 0; i < len(s); {
		j := bytes.IndexByte(s[i:], '<')
		if j < 0 {
			break
		}
		i += j + 1
		end := false
		if i < len(s) && s[i] == '/' {
			end = true
			i++
		}
		switch tagAt(s, i) {
		case "table":
			if !end {
				return true
			}
			return cellStart >= 0 && i-cellStart > layoutCellSize
		case "td", "th":
			if cellStart >= 0 && i-cellStart > layoutCellSize {
				return true
			}
			if end {
				cellStart = -1
			} else {
				cellStart = i
			}
		case "tr":
			if cellStart >= 0 && i-cellStart > layoutCellSize {
				return true
			}
			cellStart = -1
		}
	}
	return false
}

// tagAt returns "table", "td", "th" or "tr" if s[i:] starts with that tag name.
func tagAt(s []byte, i int) string {
	if i >= len(s) || s[i]|0x20 != 't' {
		return "" // all four start with t
	}
	for _, n := range [...]string{"table", "td", "th", "tr"} {
		if i+len(n) < len(s) && bytes.EqualFold(s[i:i+len(n)], []byte(n)) {
			c := s[i+len(n)]
			if c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' {
				return n
			}
		}
	}
	return ""
}
