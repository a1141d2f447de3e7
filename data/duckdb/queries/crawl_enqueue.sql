-- a URL found again in a later pass is queued again, keeping its validators and last body
INSERT INTO crawl_frontier (key, url, method, body, host, kind, depth, parent_url, parent_sha256, anchor, year, gen, state, discovered_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?)
ON CONFLICT (key) DO UPDATE SET gen = excluded.gen, state = 'queued', reason = NULL, kind = excluded.kind,
    depth = excluded.depth, parent_url = excluded.parent_url, parent_sha256 = excluded.parent_sha256,
    anchor = excluded.anchor, year = excluded.year, attempts = 0
WHERE crawl_frontier.gen < excluded.gen;
