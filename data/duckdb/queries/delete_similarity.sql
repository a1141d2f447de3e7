-- delete_similarity: forget the copy-paste suspects before ReplaceSimilarity writes anew.
DELETE FROM serving_similarity;
