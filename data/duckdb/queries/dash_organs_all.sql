-- dash_organs_all: dash_organs without filters, the first $1 names of serving_organs, a
-- seq range instead of a GROUP BY of every annual report. $1: limit.
SELECT organ, reports FROM serving_organs WHERE seq <= $1 ORDER BY seq;
