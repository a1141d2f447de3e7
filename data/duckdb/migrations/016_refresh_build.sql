-- 016: a refresh records, besides the row counts, the highest document order it built
-- from and a digest of the refresh that built the tables (its SQL and the schema). Every
-- write gives the documents it stores orders above all stored ones, a replaced document
-- too, so an unchanged highest order and counts say no row changed since, where counts
-- alone miss a document replaced one row for one; with the digest they say a refresh
-- now would rebuild the same tables, which an ingest that stored nothing then skips
-- (ServingState.UpToDate). Refreshes recorded before this have neither (NULL).
ALTER TABLE serving_refresh ADD COLUMN doc_seq BIGINT;
ALTER TABLE serving_refresh ADD COLUMN build VARCHAR;
