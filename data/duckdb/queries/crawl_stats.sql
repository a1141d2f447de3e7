SELECT state, count(*) FROM crawl_frontier WHERE gen = ? GROUP BY state;
