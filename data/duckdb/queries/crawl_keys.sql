SELECT key FROM crawl_frontier WHERE gen = ?;
