-- serving_count: the row count Refresh stored for a serving table (or facts), the total of
-- an unfiltered view without counting it per request. $1: the table's name.
SELECT n FROM serving_counts WHERE name = $1;
