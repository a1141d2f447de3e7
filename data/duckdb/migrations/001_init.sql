-- 001: the core tables. facts is the source of truth (long form); report_metrics pivots it.

-- documents: one row per stored file, by the SHA-256 of its raw bytes.
-- extractor_version is the extractor that last processed the document (also for documents
-- that failed to convert, so re-ingesting the same bytes with the same version is a no-op).
CREATE TABLE IF NOT EXISTS documents (
    sha256            VARCHAR PRIMARY KEY,
    path              VARCHAR,
    url               VARCHAR,
    fetched_at        TIMESTAMP,
    http_status       INTEGER,
    content_type      VARCHAR,
    charset           VARCHAR,
    format            VARCHAR,
    size              BIGINT NOT NULL,
    parent            VARCHAR,
    extractor_version VARCHAR NOT NULL,
    ingested_at       TIMESTAMP NOT NULL,
    error_kind        VARCHAR,
    error_message     VARCHAR
);

-- reports: one extraction record. report_id is a hash of the normalised text, so a mirror
-- site's copy of a report has the same report_id in another document: the key is the pair.
CREATE TABLE IF NOT EXISTS reports (
    report_id         VARCHAR NOT NULL,
    document_sha256   VARCHAR NOT NULL,
    source_path       VARCHAR,
    source_url        VARCHAR,
    organ             VARCHAR,
    region_code       VARCHAR,
    level             VARCHAR,
    year              INTEGER,
    published         DATE,
    template          VARCHAR,
    is_annual_report  BOOLEAN NOT NULL,
    extractor_version VARCHAR NOT NULL,
    key_area_coverage DOUBLE,
    warnings          VARCHAR[],
    PRIMARY KEY (document_sha256, report_id)
);

-- facts: one extracted value. value is NULL for "na" cells; semantic says what was printed.
-- document_sha256 is repeated here (it compresses to almost nothing) so that a document's
-- rows can be replaced without joining, and mirrors of one report stay distinct.
CREATE TABLE IF NOT EXISTS facts (
    report_id       VARCHAR NOT NULL,
    document_sha256 VARCHAR NOT NULL,
    key             VARCHAR NOT NULL,
    scope           VARCHAR NOT NULL,
    value           DOUBLE,
    semantic        VARCHAR NOT NULL,
    unit            VARCHAR,
    method          VARCHAR,
    evidence        VARCHAR,
    "offset"        INTEGER,
    approx          BOOLEAN NOT NULL
);

CREATE TABLE IF NOT EXISTS checks (
    report_id       VARCHAR NOT NULL,
    document_sha256 VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,
    ok              BOOLEAN NOT NULL,
    detail          VARCHAR
);

CREATE TABLE IF NOT EXISTS key_area_mentions (
    report_id       VARCHAR NOT NULL,
    document_sha256 VARCHAR NOT NULL,
    area            VARCHAR NOT NULL,
    evidence        VARCHAR,
    "offset"        INTEGER,
    count           BIGINT
);

-- check_keys: which facts a consistency check is made of, so a failed check can be shown
-- with the evidence of its numbers. Names follow METRICS.md's identities.
CREATE TABLE IF NOT EXISTS check_keys (
    name VARCHAR NOT NULL,
    key  VARCHAR NOT NULL,
    PRIMARY KEY (name, key)
);
INSERT OR IGNORE INTO check_keys VALUES
    ('requests_balance', 'requests_new'),
    ('requests_balance', 'requests_carried_over'),
    ('requests_balance', 'concluded_total'),
    ('requests_balance', 'carried_forward'),
    ('concluded_sum', 'concluded_total'),
    ('concluded_sum', 'granted'),
    ('concluded_sum', 'partial'),
    ('concluded_sum', 'denied_total'),
    ('concluded_sum', 'unable_total'),
    ('concluded_sum', 'not_processed_total'),
    ('concluded_sum', 'other_total');
