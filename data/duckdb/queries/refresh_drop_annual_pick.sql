-- refresh_drop_annual_pick: the choice of each organ's report, once serving_annual is built.
DROP TABLE refresh_stage.annual_pick;
