-- refresh_drop_growth_long: the long form of serving_annual, once serving_growth is filled.
DROP TABLE refresh_stage.growth_long;
