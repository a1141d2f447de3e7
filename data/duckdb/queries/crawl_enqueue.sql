-- queue, in one statement, the entries a batch of fetches found: $1…$11 are parallel lists,
-- one element per entry ('' and 0 for none). A URL found again in a later pass is queued
-- again, keeping its validators and last body, which are returned for conditional GETs.
INSERT INTO crawl_frontier (key, url, method, body, host, kind, depth, parent_url, parent_sha256, anchor, year, gen, state, discovered_at)
SELECT key, url, method, nullif(body, ''), host, kind, depth, nullif(parent_url, ''), nullif(parent_sha256, ''),
       nullif(anchor, ''), nullif(year, 0), $12, 'queued', $13
FROM (SELECT unnest($1::VARCHAR[]) AS key, unnest($2::VARCHAR[]) AS url, unnest($3::VARCHAR[]) AS method,
             unnest($4::VARCHAR[]) AS body, unnest($5::VARCHAR[]) AS host, unnest($6::VARCHAR[]) AS kind,
             unnest($7::INTEGER[]) AS depth, unnest($8::VARCHAR[]) AS parent_url, unnest($9::VARCHAR[]) AS parent_sha256,
             unnest($10::VARCHAR[]) AS anchor, unnest($11::INTEGER[]) AS year)
ON CONFLICT (key) DO UPDATE SET gen = excluded.gen, state = 'queued', reason = NULL, kind = excluded.kind,
    depth = excluded.depth, parent_url = excluded.parent_url, parent_sha256 = excluded.parent_sha256,
    anchor = excluded.anchor, year = excluded.year, attempts = 0
WHERE crawl_frontier.gen < excluded.gen
RETURNING key, coalesce(sha256, ''), coalesce(etag, ''), coalesce(last_modified, ''), coalesce(content_type, '');
