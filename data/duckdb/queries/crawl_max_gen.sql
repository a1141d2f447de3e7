-- the newest crawl pass and whether it still has queued work
SELECT coalesce(max(gen), 0), coalesce(bool_or(state = 'queued' AND gen = (SELECT max(gen) FROM crawl_frontier)), false)
FROM crawl_frontier;
