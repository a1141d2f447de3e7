-- record a fetch: $5 is the new body's sha256 ('' when no body: failure or 304)
UPDATE crawl_frontier SET state = $1, reason = nullif($2, ''), http_status = nullif($3, 0),
    prev_sha256 = CASE WHEN $5 <> '' THEN sha256 ELSE prev_sha256 END,
    sha256 = CASE WHEN $5 <> '' THEN $5 ELSE sha256 END,
    etag = CASE WHEN $6 <> '' THEN $6 ELSE etag END,
    last_modified = CASE WHEN $7 <> '' THEN $7 ELSE last_modified END,
    content_type = CASE WHEN $8 <> '' THEN $8 ELSE content_type END,
    attempts = attempts + $9, fetched_at = $10
WHERE key = $4;
