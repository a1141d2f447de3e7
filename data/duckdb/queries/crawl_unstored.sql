-- fetched bodies that never reached documents (the crawl was killed in between)
SELECT f.key, f.url, f.method, coalesce(f.body, ''), f.host, f.kind, f.depth, coalesce(f.parent_url, ''), coalesce(f.parent_sha256, ''),
       coalesce(f.anchor, ''), coalesce(f.year, 0), f.state, coalesce(f.reason, ''), coalesce(f.http_status, 0), f.sha256,
       coalesce(f.prev_sha256, ''), coalesce(f.etag, ''), coalesce(f.last_modified, ''), coalesce(f.content_type, ''), f.attempts
FROM crawl_frontier f
WHERE f.state = 'fetched' AND f.sha256 IS NOT NULL AND f.kind <> 'api'
  AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = f.sha256);
