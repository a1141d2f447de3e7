package analytics

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
)

// The encoders write a Cursor row by row, so an export of any size runs in constant
// memory. They are shared by the export command and the dashboard's download links.

// WriteCSV writes the cursor as CSV with a header row: NULL is the empty field, numbers
// are printed exactly (shortest round-trip form), dates as ISO 8601, lists as JSON.
// It returns the number of data rows.
func WriteCSV(w io.Writer, c Cursor) (int64, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(c.Columns()); err != nil {
		return 0, fmt.Errorf("analytics: csv: %w", err)
	}
	rec := make([]string, len(c.Columns()))
	var n int64
	for c.Next() {
		for i, v := range c.Values() {
			s, err := csvField(v)
			if err != nil {
				return n, err
			}
			rec[i] = s
		}
		if err := cw.Write(rec); err != nil {
			return n, fmt.Errorf("analytics: csv: %w", err)
		}
		n++
	}
	if err := c.Err(); err != nil {
		return n, err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return n, fmt.Errorf("analytics: csv: %w", err)
	}
	return n, nil
}

func csvField(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case []any, map[string]any:
		b, err := json.Marshal(jsonValue(x))
		if err != nil {
			return "", fmt.Errorf("analytics: csv: %w", err)
		}
		return string(b), nil
	}
	j := jsonValue(v)
	if j == nil {
		return "", nil
	}
	if s, ok := j.(string); ok {
		return s, nil
	}
	b, err := json.Marshal(j)
	if err != nil {
		return "", fmt.Errorf("analytics: csv: %w", err)
	}
	return string(b), nil
}

// WriteJSON writes the cursor as JSON objects keyed by column name, in column order:
// with lines, one object per line (JSON Lines, what DuckDB's read_json and most tools
// stream); otherwise one JSON array, still written row by row.
func WriteJSON(w io.Writer, c Cursor, lines bool) (int64, error) {
	bw := bufio.NewWriter(w)
	keys := make([][]byte, len(c.Columns()))
	for i, col := range c.Columns() {
		k, err := json.Marshal(col)
		if err != nil {
			return 0, fmt.Errorf("analytics: json: %w", err)
		}
		keys[i] = k
	}
	if !lines {
		bw.WriteString("[")
	}
	var n int64
	for c.Next() {
		if !lines && n > 0 {
			bw.WriteString(",")
		}
		if !lines {
			bw.WriteString("\n")
		}
		bw.WriteByte('{')
		for i, v := range c.Values() {
			if i > 0 {
				bw.WriteByte(',')
			}
			bw.Write(keys[i])
			bw.WriteByte(':')
			b, err := json.Marshal(jsonValue(v))
			if err != nil {
				return n, fmt.Errorf("analytics: json: column %s: %w", c.Columns()[i], err)
			}
			bw.Write(b)
		}
		bw.WriteByte('}')
		if lines {
			bw.WriteByte('\n')
		}
		n++
	}
	if err := c.Err(); err != nil {
		return n, err
	}
	if !lines {
		bw.WriteString("\n]\n")
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("analytics: json: %w", err)
	}
	return n, nil
}

// jsonValue maps a database value to what encoding/json should write: dates as
// 2006-01-02 (timestamps RFC 3339), non-finite floats as null (JSON has none).
func jsonValue(v any) any {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return json.Number(strconv.FormatFloat(x, 'g', -1, 64))
	case float32:
		return jsonValue(float64(x))
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format(time.DateOnly)
		}
		return x.Format(time.RFC3339Nano)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case []byte:
		return string(x)
	}
	return v
}
