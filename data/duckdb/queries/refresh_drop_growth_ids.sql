-- refresh_drop_growth_ids: the growth order and organ ids, once serving_growth is filled.
DROP TABLE refresh_stage.growth_ids;
