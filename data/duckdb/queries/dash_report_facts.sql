-- dash_report_facts: every fact of one report in text order. $1: report_id, $2: document sha256.
SELECT key, scope, value, semantic, unit, method, evidence, "offset", approx
FROM facts
WHERE report_id = $1 AND document_sha256 = $2
ORDER BY "offset" NULLS LAST, key, scope;
