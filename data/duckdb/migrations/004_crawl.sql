-- 004: the crawl frontier and log (ingest/crawl). The frontier is the crawl's durable state:
-- a crawl killed at any point resumes from it. gen numbers complete passes: a new pass
-- re-queues what earlier passes fetched (with their validators, for conditional GETs).

CREATE TABLE IF NOT EXISTS crawl_frontier (
    key           VARCHAR PRIMARY KEY,   -- canonical URL, plus the body for a POST
    url           VARCHAR NOT NULL,
    method        VARCHAR NOT NULL,      -- GET or POST
    body          VARCHAR,               -- form or JSON body of a POST
    host          VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,      -- seed, list, article, attachment, api
    depth         INTEGER NOT NULL,
    parent_url    VARCHAR,
    parent_sha256 VARCHAR,
    anchor        VARCHAR,               -- the link text it was found under
    year          INTEGER,               -- report year guessed from the link, if any
    gen           INTEGER NOT NULL,
    state         VARCHAR NOT NULL,      -- queued, fetched, failed, skipped
    reason        VARCHAR,               -- why it failed or was skipped
    http_status   INTEGER,
    sha256        VARCHAR,               -- archive key of the last body fetched
    prev_sha256   VARCHAR,               -- the one before, to tell changed from unchanged
    etag          VARCHAR,
    last_modified VARCHAR,
    content_type  VARCHAR,
    attempts      INTEGER NOT NULL DEFAULT 0,
    discovered_at TIMESTAMP NOT NULL,
    fetched_at    TIMESTAMP
);

CREATE TABLE IF NOT EXISTS crawl_log (
    logged_at   TIMESTAMP NOT NULL,
    gen         INTEGER NOT NULL,
    key         VARCHAR NOT NULL,
    host        VARCHAR NOT NULL,
    outcome     VARCHAR NOT NULL,        -- new, changed, unchanged, failed, skipped
    http_status INTEGER,
    error_kind  VARCHAR,
    error       VARCHAR,
    bytes       BIGINT,
    elapsed_ms  INTEGER,
    attempts    INTEGER
);
