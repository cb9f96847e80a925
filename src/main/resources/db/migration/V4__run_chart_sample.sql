-- What a finished run's charts are drawn from: a sample of its clustered customers stratified by segment
-- (all of them up to 20,000), stored with the run, so no chart reloads the dataset.
CREATE TABLE run_chart_sample (
    segmentation_id bigint             PRIMARY KEY REFERENCES segmentation (id) ON DELETE CASCADE,
    rows_used       bigint             NOT NULL,
    row_nos         integer[]          NOT NULL,
    external_ids    text[]             NOT NULL,
    labels          integer[]          NOT NULL,
    -- row-major, one value per feature (NaN where the file had none)
    original        double precision[] NOT NULL
);
