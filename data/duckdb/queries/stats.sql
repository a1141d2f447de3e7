SELECT
    (SELECT count(*) FROM documents)                                AS documents,
    (SELECT count(*) FROM documents WHERE error_kind IS NOT NULL)   AS failed_documents,
    (SELECT count(*) FROM reports)                                  AS reports,
    (SELECT count(*) FROM reports WHERE is_annual_report)           AS annual_reports,
    (SELECT count(*) FROM fact_codes)                                AS facts,
    (SELECT count(*) FROM checks)                                   AS checks,
    (SELECT count(*) FROM checks WHERE NOT ok)                      AS failed_checks,
    (SELECT coalesce(sum(len(warnings)), 0) FROM reports)           AS warnings,
    (SELECT count(*) FROM key_area_mentions)                        AS key_area_mentions;
