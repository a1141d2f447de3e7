INSERT INTO fact_codes (report_no, kind, value, evidence, "offset", approx, doc_seq, evidence_at, evidence_bytes)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?);
