-- Uploaded datasets: one row per upload, with its column catalogue and quality report.
CREATE SEQUENCE dataset_id_seq;

CREATE TABLE dataset (
    id              bigint      PRIMARY KEY,
    name            text        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('CUSTOMERS', 'TRANSACTIONS')),
    source_filename text,
    sha256          text        NOT NULL,
    size_bytes      bigint      NOT NULL,
    row_count       bigint      NOT NULL,
    rejected_count  bigint      NOT NULL,
    columns         jsonb       NOT NULL,
    quality         jsonb       NOT NULL,
    summary         jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

ALTER SEQUENCE dataset_id_seq OWNED BY dataset.id;

-- Duplicate uploads are found by the SHA-256 of their bytes.
CREATE INDEX dataset_sha256_idx ON dataset (sha256);

-- One row per accepted customer record. Any table shape fits: the catalogue in dataset.columns says
-- which array slot holds which column. Each dataset is a partition of its own, so an upload loads
-- with COPY into an index-free table, attaches it (indexes are built once, in bulk), and a delete
-- is a DROP.
CREATE TABLE customer (
    dataset_id  bigint             NOT NULL,
    row_no      integer            NOT NULL,
    external_id text COLLATE "C"   NOT NULL,
    numeric     double precision[] NOT NULL,
    categorical text[]             NOT NULL,
    PRIMARY KEY (dataset_id, row_no),
    UNIQUE (dataset_id, external_id)
) PARTITION BY LIST (dataset_id);
