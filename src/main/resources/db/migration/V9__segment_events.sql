-- Customers entering and leaving live segments: written when a run is published, in the publishing transaction,
-- one row per transition, numbered in the one order every consumer reads them (publishes take a lock before
-- writing, so ids are committed in increasing order and a reader that has seen id n never later finds one below).
-- Partitioned per dataset like customer and assignment: a dataset's first publish fills a table of its own and
-- attaches it (the index is built in bulk), and the events go with the dataset by dropping it. No foreign keys:
-- a check per inserted row would cost more than the insert itself.
CREATE TABLE segment_event (
    id              bigserial   NOT NULL,
    dataset_id      bigint      NOT NULL,
    -- The run whose publish made the change (kept when the run is deleted later: the history stays).
    segmentation_id bigint      NOT NULL,
    type            text        NOT NULL CHECK (type IN ('ENTERED', 'EXITED')),
    customer_id     text        COLLATE "C" NOT NULL,
    segment_key     text        NOT NULL,
    segment_name    text        NOT NULL,
    published_at    timestamptz NOT NULL
) PARTITION BY LIST (dataset_id);

-- The feed reads id ranges: of one partition for a dataset, merged across partitions for every dataset.
CREATE INDEX segment_event_id_idx ON segment_event (id);
