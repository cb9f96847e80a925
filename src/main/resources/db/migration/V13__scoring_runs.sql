-- Scoring runs (a finished run's model applied to another dataset, usually the table's next version) report how far
-- the customers drifted from those the model was trained on.
ALTER TABLE segmentation ADD COLUMN drift jsonb;

-- Webhooks can be told of drift.
ALTER TABLE webhook_delivery DROP CONSTRAINT webhook_delivery_kind_check;
ALTER TABLE webhook_delivery ADD CONSTRAINT webhook_delivery_kind_check
    CHECK (kind IN ('CHANGES', 'PUBLISHED', 'RUN_FAILED', 'DRIFT_DETECTED', 'TEST'));
