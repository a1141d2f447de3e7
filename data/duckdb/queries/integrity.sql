-- Invariants of the stored data, and a fingerprint of its content (ingested_at excluded)
-- to compare two databases: equal content, equal fingerprint.
SELECT
    (SELECT count(*) FROM documents)                        AS documents,
    (SELECT count(DISTINCT sha256) FROM documents)          AS distinct_documents,
    (SELECT count(*) FROM reports)                          AS reports,
    (SELECT coalesce(max(n), 0) FROM (
        SELECT count(*) AS n FROM reports GROUP BY document_sha256))  AS max_reports_per_document,
    (SELECT count(*) FROM fact_codes)                        AS facts,
    (SELECT count(*) FROM (
        SELECT DISTINCT r.document_sha256, r.report_id, k.key, k.scope
        FROM fact_codes f
        JOIN reports r ON r.doc_seq = f.doc_seq AND r.report_no = f.report_no
        JOIN fact_kinds k ON k.code = f.kind)) AS distinct_facts,
    -- a fact without its report, or with a kind fact_kinds lacks, is not in the view
    (SELECT count(*) FROM fact_codes f WHERE NOT EXISTS (
        SELECT 1 FROM reports r WHERE r.doc_seq = f.doc_seq AND r.report_no = f.report_no)
        OR NOT EXISTS (SELECT 1 FROM fact_kinds k WHERE k.code = f.kind)) AS orphan_facts,
    (SELECT count(*) FROM reports r WHERE NOT EXISTS (
        SELECT 1 FROM documents d WHERE d.sha256 = r.document_sha256)) AS orphan_reports,
    xor(xor(xor(xor(xor(
        (SELECT coalesce(bit_xor(hash(sha256, path, url, size, format, charset, extractor_version,
                                      error_kind)), 0) FROM documents),
        (SELECT coalesce(bit_xor(hash(report_id, document_sha256, source_path, organ, region_code,
                                      level, year, published, template, is_annual_report,
                                      extractor_version, key_area_coverage, warnings,
                                      province, city, county)), 0) FROM reports)),
        (SELECT coalesce(bit_xor(hash(report_id, document_sha256, key, scope, value, semantic, unit,
                                      method, evidence, "offset", approx)), 0) FROM facts)),
        (SELECT coalesce(bit_xor(hash(report_id, document_sha256, name, ok, detail)), 0) FROM checks)),
        (SELECT coalesce(bit_xor(hash(report_id, document_sha256, area, evidence, "offset", count)), 0)
         FROM key_area_mentions)),
        (SELECT coalesce(bit_xor(hash(report_id, document_sha256, text)), 0) FROM report_texts))
        AS fingerprint;
