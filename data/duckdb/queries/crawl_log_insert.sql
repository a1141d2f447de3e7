-- append, in one statement, the log lines of a batch of fetches: $1 is the pass, $2…$11
-- parallel lists ('' and 0 for none); logged_at is in microseconds since the epoch (UTC)
INSERT INTO crawl_log (logged_at, gen, key, host, outcome, http_status, error_kind, error, bytes, elapsed_ms, attempts)
SELECT make_timestamp(logged_us), $1, key, host, outcome, nullif(http_status, 0), nullif(error_kind, ''), nullif(error, ''),
       bytes, elapsed_ms, attempts
FROM (SELECT unnest($2::BIGINT[]) AS logged_us, unnest($3::VARCHAR[]) AS key, unnest($4::VARCHAR[]) AS host,
             unnest($5::VARCHAR[]) AS outcome, unnest($6::INTEGER[]) AS http_status, unnest($7::VARCHAR[]) AS error_kind,
             unnest($8::VARCHAR[]) AS error, unnest($9::BIGINT[]) AS bytes, unnest($10::INTEGER[]) AS elapsed_ms,
             unnest($11::INTEGER[]) AS attempts);
