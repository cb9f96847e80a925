-- The chart sample of a run with categorical features keeps each sampled customer's category per feature
-- (row-major, in the run's categorical feature order), so charts can place it in the clustering space.
ALTER TABLE run_chart_sample ADD COLUMN levels integer[];
