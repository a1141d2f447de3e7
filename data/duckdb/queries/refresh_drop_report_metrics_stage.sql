-- refresh_drop_report_metrics_stage: the pivot chunks, once sorted into report_metrics.
DROP TABLE refresh_stage.report_metrics;
