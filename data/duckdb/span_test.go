package duckdb

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"nianbao/data"
)

// spanRef is textSpans.at by brute force: the byte offset of every character.
func spanRef(text, ev string, off int) (int, bool) {
	if ev == "" || off < 0 {
		return 0, false
	}
	c := 0
	for b := range text {
		if c == off {
			if strings.HasPrefix(text[b:], ev) {
				return b, true
			}
			return 0, false
		}
		c++
	}
	return 0, false // ev is not empty, so it cannot start at the text's end
}

// TestTextSpans: evidence is a span only where it is the text at its character offset,
// counted in characters (runes) whatever their bytes, past the index's blocks too; the
// span is located by its byte offset.
func TestTextSpans(t *testing.T) {
	long := strings.Repeat("一二三四五六七八九十", 20) + "总计\t805" // 200 characters, then the cell
	tests := []struct {
		name   string
		text   string
		ev     string
		off    int
		wantAt int
		wantOK bool
	}{
		{"ascii", "a\tb\tc", "b\tc", 2, 2, true},
		{"wide characters before", "一、申请\t859", "859", 5, 13, true},
		{"four-byte and combining characters", "𝄞e\u0301 一、859", "一、859", 4, 8, true},
		{"whole text", "一、申请", "一、申请", 0, 0, true},
		{"last character", "一、申请", "请", 3, 9, true},
		{"past the first index block", long, "总计\t805", 200, 600, true},
		{"one character off", "一、申请\t859", "859", 4, 0, false},
		{"byte offset instead of characters", "一、申请\t859", "859", 13, 0, false},
		{"not in the text", "一、申请\t859", "859+12", 5, 0, false},
		{"runs past the end", "一、申请\t859", "859\t", 5, 0, false},
		{"offset past the end", "一、申请", "请", 9, 0, false},
		{"negative offset", "一、申请", "一", -1, 0, false},
		{"empty evidence", "一、申请", "", 0, 0, false},
		{"empty text", "", "一", 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, ok := newTextSpans(tc.text).at(tc.ev, tc.off)
			if n != tc.wantAt || ok != tc.wantOK {
				t.Errorf("at(%q, %d) = %d, %v; want %d, %v", tc.ev, tc.off, n, ok, tc.wantAt, tc.wantOK)
			}
			if rn, rok := spanRef(tc.text, tc.ev, tc.off); rn != n || rok != ok {
				t.Errorf("reference says %d, %v", rn, rok)
			}
		})
	}
}

// FuzzTextSpans checks textSpans against spanRef on any text, valid UTF-8 or not, for
// evidence cut from it at any offset, and for the same evidence one character off.
func FuzzTextSpans(f *testing.F) {
	f.Add("一、本年新收政府信息公开申请数量\t859\t12", 3, 9)
	f.Add("𝄞e\u0301 \xff\xfe一", 1, 4)
	f.Add(strings.Repeat("表", 130), 64, 200)
	f.Fuzz(func(t *testing.T, text string, i, j int) {
		if len(text) == 0 {
			return
		}
		i, j = abs(i)%len(text), abs(j)%(len(text)+1)
		if i > j {
			i, j = j, i
		}
		ev := text[i:j]
		s := newTextSpans(text)
		for _, off := range []int{utf8.RuneCountInString(text[:i]), utf8.RuneCountInString(text[:i]) + 1, i} {
			n, ok := s.at(ev, off)
			rn, rok := spanRef(text, ev, off)
			if n != rn || ok != rok {
				t.Fatalf("at(%q, %d) on %q = %d, %v; reference %d, %v", ev, off, text, n, ok, rn, rok)
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// TestEvidenceSpans: a fact whose evidence is its item's text at its offset is stored as
// where it lies in the text, in bytes, and every reader (the facts view, a report's facts, the
// failed checks) gives it back as it was; other evidence is stored as it is; both through
// SaveBatch and a Writer, for each of a document's two reports.
func TestEvidenceSpans(t *testing.T) {
	ctx := context.Background()
	text := "𝄞 前言e\u0301。\n一、本年新收政府信息公开申请数量\t859\t12\n（七）总计\t805\n"
	row := "一、本年新收政府信息公开申请数量\t859"
	metrics := []data.Metric{
		{Key: "requests_new", Value: data.F(859), Semantic: data.SemNumber, Scope: data.ScopeWhole, Method: data.MethodTable2019, Evidence: row, Offset: 8},
		{Key: "concluded_total", Value: data.F(805), Semantic: data.SemNumber, Scope: data.ScopeWhole, Method: data.MethodTable2019, Evidence: "（七）总计\t805", Offset: 32},
		// the same text one character off, and text that is not the item's: kept whole
		{Key: "carried_forward", Value: data.F(12), Semantic: data.SemNumber, Scope: data.ScopeWhole, Method: data.MethodTable2019, Evidence: row, Offset: 9},
		{Key: "denied_total", Value: data.F(3), Semantic: data.SemNumber, Scope: data.ScopeWhole, Method: data.MethodDerived, Evidence: "1+2 = 3", Offset: 20},
		{Key: "granted", Semantic: data.SemBlank, Scope: data.ScopeWhole, Method: data.MethodTable2019, Offset: 25},
	}
	type stored struct {
		evidence, at, bytes any
	}
	// the first fact starts at byte 18 of the text (𝄞 is 4 bytes, e and its accent 3) and
	// is 52 bytes long; the second at byte 18+52+4
	wantStored := []stored{{nil, int32(18), int32(52)}, {nil, int32(74), int32(19)}, {row, nil, nil}, {"1+2 = 3", nil, nil}, {nil, nil, nil}}
	items := func() []data.Item {
		var reps []data.Report
		for _, id := range []string{"r1", "r2"} {
			r := sampleReport(id, "v1")
			r.Metrics = metrics
			r.Checks = []data.Check{{Name: "requests_balance", OK: false, Detail: "859+0 ≠ 805+70"}}
			reps = append(reps, r)
		}
		return []data.Item{{Source: sampleSource("s1"), Reports: reps, Extractor: "v1", Text: text}}
	}
	if b, ok := newTextSpans(text).at(metrics[0].Evidence, metrics[0].Offset); !ok || b != 18 {
		t.Fatalf("the test's first fact is not a span of its text: %d, %v", b, ok)
	}
	for _, how := range []string{"SaveBatch", "Writer"} {
		t.Run(how, func(t *testing.T) {
			db := openTest(t)
			if how == "SaveBatch" {
				if err := db.SaveBatch(ctx, items()); err != nil {
					t.Fatal(err)
				}
			} else {
				w, err := db.NewWriter(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := w.Write(ctx, items()); err != nil {
					t.Fatal(err)
				}
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
			}
			rows, err := db.sql.QueryContext(ctx, `SELECT report_no, evidence, evidence_at, evidence_bytes, evidence_len FROM fact_codes ORDER BY rowid`)
			if err != nil {
				t.Fatal(err)
			}
			i := 0
			for ; rows.Next(); i++ {
				var no int32
				var ev, at, n, chars any
				if err := rows.Scan(&no, &ev, &at, &n, &chars); err != nil {
					t.Fatal(err)
				}
				if w := wantStored[i%len(metrics)]; ev != w.evidence || at != w.at || n != w.bytes || chars != nil {
					t.Errorf("report %d fact %d stored (%v, %v, %v, %v), want (%v, %v, %v, <nil>)", no, i%len(metrics), ev, at, n, chars, w.evidence, w.at, w.bytes)
				}
			}
			rows.Close()
			if i != 2*len(metrics) {
				t.Fatalf("%d facts stored, want %d", i, 2*len(metrics))
			}
			for _, id := range []string{"r1", "r2"} {
				var want []string
				for _, m := range metrics {
					want = append(want, fmt.Sprintf("%s|%q|%d", m.Key, m.Evidence, m.Offset))
				}
				view := evidenceRows(t, db, `SELECT key, evidence, "offset" FROM facts WHERE report_id = ? ORDER BY "offset", key`, id)
				facts, err := db.Dash(ctx, "report_facts", 0, id, int64(1))
				if err != nil {
					t.Fatal(err)
				}
				var page []string
				for _, r := range facts.Rows {
					ev, _ := r["evidence"].(string)
					page = append(page, fmt.Sprintf("%s|%q|%d", r["key"], ev, r["offset"]))
				}
				slices.SortFunc(want, func(a, b string) int { return cmp.Compare(offsetOf(a), offsetOf(b)) })
				if !slices.Equal(view, want) {
					t.Errorf("%s: facts view\n%s\nwant\n%s", id, strings.Join(view, "\n"), strings.Join(want, "\n"))
				}
				if !slices.Equal(page, want) {
					t.Errorf("%s: report_facts\n%s\nwant\n%s", id, strings.Join(page, "\n"), strings.Join(want, "\n"))
				}
			}
			fc, err := db.FailedChecks(ctx)
			if err != nil {
				t.Fatal(err)
			}
			wantEv := "requests_new: " + row + " | carried_forward: " + row + " | concluded_total: （七）总计\t805"
			if len(fc) != 2 || fc[0].Evidence != wantEv || fc[1].Evidence != wantEv {
				t.Errorf("failed checks = %+v, want the balance of each report with evidence %q", fc, wantEv)
			}
		})
	}
}

// evidenceRows returns the rows of q (key, evidence, offset) as key|"evidence"|offset, a
// NULL evidence as "".
func evidenceRows(t *testing.T, db *DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.sql.Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var key string
		var ev sql.NullString
		var off int32
		if err := rows.Scan(&key, &ev, &off); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s|%q|%d", key, ev.String, off))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// offsetOf is the offset of an evidenceRows row.
func offsetOf(row string) int {
	n, _ := strconv.Atoi(row[strings.LastIndexByte(row, '|')+1:])
	return n
}

// TestEvidenceSpansMigration runs migrations 014 and 015 on a database whose facts store
// their evidence whole, and 015 on one whose facts store its length in characters (014):
// the facts view shows the same evidence, the rows keep theirs, and the documents saved
// after it store a byte range.
func TestEvidenceSpansMigration(t *testing.T) {
	ctx := context.Background()
	text := "一、本年新收政府信息公开申请数量\t859\n"
	item := func(sha string) data.Item {
		r := sampleReport("r"+sha, "v1")
		r.Metrics = []data.Metric{{Key: "requests_new", Value: data.F(859), Semantic: data.SemNumber, Scope: data.ScopeWhole,
			Method: data.MethodTable2019, Evidence: "一、本年新收政府信息公开申请数量\t859", Offset: 0}}
		return data.Item{Source: sampleSource(sha), Reports: []data.Report{r}, Extractor: "v1", Text: text}
	}
	tests := []struct {
		name   string
		before func(*testing.T, *DB)
		kept   string // how the first document's row stores its evidence after the migrations
	}{
		{"from whole evidence", asBefore014, "evidence IS NOT NULL AND evidence_len IS NULL AND evidence_at IS NULL"},
		{"from a length in characters", asBefore015, "evidence IS NULL AND evidence_len = 20 AND evidence_at IS NULL"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.duckdb")
			db, err := Open(ctx, Config{Path: path})
			if err != nil {
				t.Fatal(err)
			}
			if err := db.SaveBatch(ctx, []data.Item{item("a1")}); err != nil {
				t.Fatal(err)
			}
			tc.before(t, db)
			want := evidenceRows(t, db, `SELECT key, evidence, "offset" FROM facts ORDER BY doc_seq`)
			if len(want) != 1 || !strings.Contains(want[0], "859") {
				t.Fatalf("before the migration: %v", want)
			}
			db.Close()

			db, err = Open(ctx, Config{Path: path})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if got := evidenceRows(t, db, `SELECT key, evidence, "offset" FROM facts ORDER BY doc_seq`); !slices.Equal(got, want) {
				t.Errorf("facts after the migration %v, want %v", got, want)
			}
			if err := db.SaveBatch(ctx, []data.Item{item("b2")}); err != nil {
				t.Fatal(err)
			}
			checkCounts(t, db, []countCheck{
				{"the migrated row keeps its evidence", `SELECT count(*) FROM fact_codes WHERE doc_seq = 1 AND ` + tc.kept, 1},
				{"the new row stores its byte range", `SELECT count(*) FROM fact_codes WHERE doc_seq = 2 AND evidence IS NULL AND evidence_len IS NULL AND evidence_at = 0 AND evidence_bytes = 52`, 1},
			})
			if got := evidenceRows(t, db, `SELECT key, evidence, "offset" FROM facts ORDER BY doc_seq`); len(got) != 2 || got[0] != want[0] || got[1] != want[0] {
				t.Errorf("facts %v, want %v twice", got, want)
			}
		})
	}
}

// TestCheckSchema: a database with every migration passes; one that lacks the last is
// refused with ErrOldSchema and the two versions, read-only too.
func TestCheckSchema(t *testing.T) {
	ctx := context.Background()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	last := ms[len(ms)-1].version
	path := filepath.Join(t.TempDir(), "s.duckdb")
	db, err := Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CheckSchema(ctx); err != nil {
		t.Fatalf("a migrated database: %v", err)
	}
	if _, err := db.sql.Exec(`DELETE FROM schema_migrations WHERE version = ?`, last); err != nil {
		t.Fatal(err)
	}
	db.Close()
	ro, err := OpenServing(ctx, path, ServingConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	err = ro.CheckSchema(ctx)
	if want := fmt.Sprintf("it has migration %d, this nianbao %d", last-1, last); !errors.Is(err, ErrOldSchema) || !strings.Contains(err.Error(), want) {
		t.Errorf("CheckSchema = %v, want ErrOldSchema saying %q", err, want)
	}
}

// BenchmarkTextSpans locates the evidence of a report's facts in its text, as the writer
// does: one index per text, one lookup per fact.
func BenchmarkTextSpans(b *testing.B) {
	var sb strings.Builder
	for i := range 120 {
		fmt.Fprintf(&sb, "（%d）本机关共收到政府信息公开申请%d件，其中予以公开%d件；\n", i, i*7%997, i%89)
	}
	text := sb.String()
	type fact struct {
		ev  string
		off int
	}
	var facts []fact
	for c, i := 0, 0; i < len(text); c++ {
		_, w := utf8.DecodeRuneInString(text[i:])
		if c%11 == 0 {
			facts = append(facts, fact{text[i:min(len(text), i+12)], c})
		}
		i += w
	}
	b.ReportAllocs()
	for b.Loop() {
		s := newTextSpans(text)
		for _, f := range facts {
			if _, ok := s.at(f.ev, f.off); !ok {
				b.Fatalf("%q at %d not found", f.ev, f.off)
			}
		}
	}
}
