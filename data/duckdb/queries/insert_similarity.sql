-- insert_similarity: one copy-paste suspect (see migration 008).
INSERT INTO serving_similarity VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13);
