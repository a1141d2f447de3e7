SELECT coalesce(sha256, ''), coalesce(etag, ''), coalesce(last_modified, ''), coalesce(content_type, '') FROM crawl_frontier WHERE key = ?;
