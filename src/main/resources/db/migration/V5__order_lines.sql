-- Purchase transactions: the order lines of a TRANSACTIONS upload. Like customer, one partition per
-- dataset, loaded with COPY into a table of its own and attached afterwards.
CREATE TABLE order_line (
    dataset_id   bigint           NOT NULL,
    -- the line's number in the uploaded file, for the quality report's examples
    line_no      bigint           NOT NULL,
    customer_id  text COLLATE "C" NOT NULL,
    order_id     text COLLATE "C" NOT NULL,
    purchased_at timestamp        NOT NULL,
    quantity     double precision,
    price        double precision,
    -- the line's value: the amount column, else quantity × price; negative for returns
    amount       double precision NOT NULL,
    product      text COLLATE "C",
    category     text,
    country      text,
    -- P: a product purchase, R: a cancellation or return, N: a non-product line (postage, fees, adjustments)
    line_kind    "char"           NOT NULL CHECK (line_kind IN ('P', 'R', 'N')),
    -- a hash of the whole CSV record, to find exact duplicate lines set-based after the load
    line_hash    bigint           NOT NULL
) PARTITION BY LIST (dataset_id);
-- No index: a dataset's lines are only ever read whole (to derive customers, purchase histories), and line_no
-- is unique by construction (the file's line numbers); an index would cost every upload its build.

-- A CUSTOMERS dataset derived from a TRANSACTIONS one keeps its source (the lines stay with their upload;
-- deleting it leaves the derived dataset, whose rows are its own) and how it was derived.
ALTER TABLE dataset
    ADD COLUMN source_dataset_id bigint REFERENCES dataset (id) ON DELETE SET NULL,
    ADD COLUMN derivation jsonb;

CREATE INDEX dataset_source_idx ON dataset (source_dataset_id) WHERE source_dataset_id IS NOT NULL;
ALTER TABLE dataset ALTER COLUMN sha256 DROP NOT NULL;

-- The last lifetime-value fit of a derived customer dataset, as answered when it was made.
CREATE TABLE lifetime_value_fit (
    dataset_id bigint      PRIMARY KEY REFERENCES dataset (id) ON DELETE CASCADE,
    fitted_at  timestamptz NOT NULL,
    report     jsonb       NOT NULL
);

-- An RFM run's scores of each customer, as one number: 100 R + 10 F + M (each 1..5); null for clusterings.
ALTER TABLE assignment ADD COLUMN rfm smallint;

-- What a segment's customers are worth, when its dataset has lifetime-value columns: null otherwise.
ALTER TABLE segment ADD COLUMN lifetime_value jsonb;
