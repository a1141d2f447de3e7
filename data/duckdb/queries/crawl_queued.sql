SELECT key, url, method, coalesce(body, ''), host, kind, depth, coalesce(parent_url, ''), coalesce(parent_sha256, ''),
       coalesce(anchor, ''), coalesce(year, 0), state, coalesce(reason, ''), coalesce(http_status, 0), coalesce(sha256, ''),
       coalesce(prev_sha256, ''), coalesce(etag, ''), coalesce(last_modified, ''), coalesce(content_type, ''), attempts
FROM crawl_frontier WHERE gen = ? AND state = 'queued' ORDER BY discovered_at, key;
