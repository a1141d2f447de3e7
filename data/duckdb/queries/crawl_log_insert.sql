INSERT INTO crawl_log (logged_at, gen, key, host, outcome, http_status, error_kind, error, bytes, elapsed_ms, attempts)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
