-- A compact columnar copy of each customer dataset's numeric and categorical columns, read by runs instead
-- of the rows: a few hundred large values per column, so PostgreSQL does no work per customer and a run's
-- load is bound by the network, not by detoasting arrays row by row. A cache of customer: written with an
-- upload, else by a run's first load; a column's copy is removed when its values change. UNLOGGED because it
-- can always be rebuilt from customer (after a crash PostgreSQL empties it, and the next run rebuilds it).

-- One row per cached column; its blocks exist exactly when it does (written in one transaction).
CREATE UNLOGGED TABLE feature_column (
    dataset_id bigint  NOT NULL REFERENCES dataset (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    -- 'N' a numeric (or date) slot of customer.numeric, 'C' a categorical slot of customer.categorical
    kind       "char"  NOT NULL,
    slot       integer NOT NULL,
    -- 'C' only: the categories in the order of first appearance by row number; codes index them
    levels     text[],
    PRIMARY KEY (dataset_id, kind, slot)
);

-- Rows block_no * 65536 + 1 .. + rows of one column: 'N' big-endian float8 (NaN where missing),
-- 'C' big-endian int4 codes into levels (-1 where missing).
CREATE UNLOGGED TABLE feature_block (
    dataset_id bigint  NOT NULL,
    kind       "char"  NOT NULL,
    slot       integer NOT NULL,
    block_no   integer NOT NULL,
    rows       integer NOT NULL,
    data       bytea   NOT NULL,
    PRIMARY KEY (dataset_id, kind, slot, block_no),
    FOREIGN KEY (dataset_id, kind, slot) REFERENCES feature_column ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);

-- Numbers do not compress: store the blocks out of line without trying.
ALTER TABLE feature_block ALTER COLUMN data SET STORAGE EXTERNAL;
