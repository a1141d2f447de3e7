-- record, in one statement, the outcome of a batch of fetches: $1…$10 are parallel lists,
-- one element per fetch; sha256 is the new body's ('' when no body: failure or 304), and
-- fetched_at is in microseconds since the epoch (UTC)
UPDATE crawl_frontier SET state = d.state, reason = nullif(d.reason, ''), http_status = nullif(d.http_status, 0),
    prev_sha256 = CASE WHEN d.sha256 <> '' THEN crawl_frontier.sha256 ELSE crawl_frontier.prev_sha256 END,
    sha256 = CASE WHEN d.sha256 <> '' THEN d.sha256 ELSE crawl_frontier.sha256 END,
    etag = CASE WHEN d.etag <> '' THEN d.etag ELSE crawl_frontier.etag END,
    last_modified = CASE WHEN d.last_modified <> '' THEN d.last_modified ELSE crawl_frontier.last_modified END,
    content_type = CASE WHEN d.content_type <> '' THEN d.content_type ELSE crawl_frontier.content_type END,
    attempts = crawl_frontier.attempts + d.attempts, fetched_at = make_timestamp(d.fetched_us)
FROM (SELECT unnest($1::VARCHAR[]) AS key, unnest($2::VARCHAR[]) AS state, unnest($3::VARCHAR[]) AS reason,
             unnest($4::INTEGER[]) AS http_status, unnest($5::VARCHAR[]) AS sha256, unnest($6::VARCHAR[]) AS etag,
             unnest($7::VARCHAR[]) AS last_modified, unnest($8::VARCHAR[]) AS content_type,
             unnest($9::INTEGER[]) AS attempts, unnest($10::BIGINT[]) AS fetched_us) AS d
WHERE crawl_frontier.key = d.key;
