-- 008: serving_similarity, the copy-paste suspects (内容雷同) the quality page lists.
-- Finding them reads and signs every report text (analytics.CopyPaste), seconds per
-- 10⁴ reports: too slow for a page request, and for the Refresh that runs after every
-- ingest, so `nianbao refresh --similarity` computes them, year by year, and replaces this
-- table whole (DB.ReplaceSimilarity). computed_at says when: the quality page shows it.
CREATE TABLE IF NOT EXISTS serving_similarity (
    kind              VARCHAR NOT NULL,  -- previous_year or same_year
    organ             VARCHAR,
    region_code       VARCHAR,
    year              INTEGER,
    report_id         VARCHAR,
    document_sha256   VARCHAR,
    source_path       VARCHAR,
    other_organ       VARCHAR,
    other_year        INTEGER,
    other_report_id   VARCHAR,
    jaccard           DOUBLE,
    evidence          VARCHAR,
    computed_at       TIMESTAMP NOT NULL
);
