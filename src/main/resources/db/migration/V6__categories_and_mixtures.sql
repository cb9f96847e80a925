-- The chart sample of a run with categorical features keeps each sampled customer's category per feature
-- (row-major, in the run's categorical feature order), so charts can place it in the clustering space.
ALTER TABLE run_chart_sample ADD COLUMN levels integer[];

-- A Gaussian mixture run's assignments: the probability of the customer's segment, and the runner-up segment
-- (its ordinal) with its probability. Null for other methods.
ALTER TABLE assignment ADD COLUMN probability real, ADD COLUMN runner_up smallint, ADD COLUMN runner_up_probability real;

-- What a marketer should know before trusting a run's segments (weak separation, tiny segments, a dominant feature).
ALTER TABLE segmentation ADD COLUMN warnings jsonb;
