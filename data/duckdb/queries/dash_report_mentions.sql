-- dash_report_mentions: key-area mentions of one report. $1: report_id, $2: document sha256.
SELECT area, evidence, "offset", count
FROM key_area_mentions
WHERE report_id = $1 AND document_sha256 = $2
ORDER BY "offset" NULLS LAST, area;
