-- What happens when a new version of a customer table is uploaded: nothing, a scoring run with the live run's model,
-- or a new run with the live run's parameters; and whether a run that succeeds is published by itself.
CREATE TABLE refresh_policy (
    -- The lineage (the table's first version); removed with it.
    lineage_id     bigint      PRIMARY KEY,
    on_new_version text        NOT NULL CHECK (on_new_version IN ('SCORE', 'RETRAIN', 'NONE')),
    auto_publish   boolean     NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- A run started by a refresh policy with autoPublish is published when it succeeds (unless it found drift).
ALTER TABLE segmentation ADD COLUMN auto_publish boolean NOT NULL DEFAULT false;
