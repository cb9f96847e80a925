-- Segmentation runs, their segments and every customer's assignment.
CREATE TABLE segmentation (
    id           bigserial        PRIMARY KEY,
    dataset_id   bigint           NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    status       text             NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    progress     double precision NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
    params       jsonb            NOT NULL,
    model        jsonb,
    selection    jsonb,
    rows_used    bigint,
    rows_dropped jsonb,
    migration    jsonb,
    timings      jsonb,
    error        text,
    created_at   timestamptz      NOT NULL DEFAULT now(),
    started_at   timestamptz,
    finished_at  timestamptz,
    published_at timestamptz
);

CREATE INDEX segmentation_dataset_idx ON segmentation (dataset_id, id DESC);

-- At most one published run per dataset.
CREATE UNIQUE INDEX segmentation_published_idx ON segmentation (dataset_id) WHERE published_at IS NOT NULL;

CREATE TABLE segment (
    id              bigserial          PRIMARY KEY,
    segmentation_id bigint             NOT NULL REFERENCES segmentation (id) ON DELETE CASCADE,
    ordinal         integer            NOT NULL,
    key             text               NOT NULL,
    name            text               NOT NULL,
    description     text               NOT NULL,
    size            bigint             NOT NULL,
    share           double precision   NOT NULL,
    centroid        double precision[] NOT NULL,
    profile         jsonb              NOT NULL,
    mix             jsonb              NOT NULL,
    recommendations jsonb              NOT NULL,
    silhouette      double precision,
    UNIQUE (segmentation_id, ordinal),
    UNIQUE (segmentation_id, key)
);

CREATE INDEX segment_key_idx ON segment (key);

-- One row per clustered customer. Like customer, partitioned per run: a run's assignments are
-- COPY-ed into a table of their own, indexed in bulk when attached, and dropped with the run.
CREATE TABLE assignment (
    segmentation_id bigint           NOT NULL,
    row_no          integer          NOT NULL,
    segment_ordinal integer          NOT NULL,
    distance        double precision NOT NULL,
    second_distance double precision NOT NULL,
    PRIMARY KEY (segmentation_id, row_no)
) PARTITION BY LIST (segmentation_id);

CREATE INDEX assignment_segment_idx ON assignment (segmentation_id, segment_ordinal, row_no);
