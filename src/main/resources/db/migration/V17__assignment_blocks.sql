-- A run's assignments as blocks of 1,024 consecutive row numbers, one row per block with an array per column,
-- instead of one row per customer with two indexes (issue 15): a run's store writes a few thousand large values
-- and builds no per-customer index, so it is bound by the network, not by PostgreSQL's work per row. The view
-- "assignment" below gives the rows back to set-based readers; lookups and exports read the blocks.

-- Rows block_no * 1024 + 1 .. + 1024 (row numbers are dense from 1). An element is NULL where the run left that
-- customer out (a missing or outlying value) and past the dataset's last row. Partitioned per run as before:
-- a run's blocks are COPY-ed into a table of their own, attached, and dropped with the run.
CREATE TABLE assignment_block (
    segmentation_id         bigint             NOT NULL,
    block_no                integer            NOT NULL,
    segments                smallint[]         NOT NULL,
    distances               double precision[] NOT NULL,
    second_distances        double precision[] NOT NULL,
    -- RFM runs only: the customer's scores as one number (recency * 100 + frequency * 10 + monetary)
    rfm                     smallint[],
    -- Gaussian mixture runs only: the probability of the customer's segment, and the runner-up and its probability
    probabilities           real[],
    runners_up              smallint[],
    runner_up_probabilities real[],
    -- per segment ordinal, how many of the block's customers it has: a page of a segment starts without reading
    -- the blocks before it
    segment_sizes           integer[]          NOT NULL,
    PRIMARY KEY (segmentation_id, block_no)
) PARTITION BY LIST (segmentation_id);

-- Numbers do not compress: store the large arrays out of line without trying. The segment ordinals (about 2 KB a
-- block) stay in the row, so a lookup reads them without a trip to the TOAST table.
ALTER TABLE assignment_block ALTER COLUMN segments SET STORAGE MAIN,
    ALTER COLUMN distances SET STORAGE EXTERNAL, ALTER COLUMN second_distances SET STORAGE EXTERNAL,
    ALTER COLUMN rfm SET STORAGE EXTERNAL, ALTER COLUMN probabilities SET STORAGE EXTERNAL,
    ALTER COLUMN runners_up SET STORAGE EXTERNAL, ALTER COLUMN runner_up_probabilities SET STORAGE EXTERNAL;

-- Every stored run's rows become its blocks, in a table of the same name as its old partition.
CREATE FUNCTION pg_temp.convert_assignments(run bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    old text := 'assignment_r' || run;
    new text := 'assignment_b' || run;
BEGIN
    EXECUTE format('CREATE TABLE %I (LIKE assignment_block INCLUDING DEFAULTS INCLUDING STORAGE)', new);
    EXECUTE format($sql$
        INSERT INTO %1$I
        SELECT s.*, (SELECT array_agg((SELECT count(*) FROM unnest(s.segments) e WHERE e = o)::integer ORDER BY o)
                     FROM generate_series(0, (SELECT coalesce(max(segment_ordinal), 0) FROM %3$I)) o)
        FROM (SELECT %2$s::bigint, g.block_no,
                     array_agg(a.segment_ordinal::smallint ORDER BY g.row_no) AS segments,
                     array_agg(a.distance ORDER BY g.row_no),
                     array_agg(a.second_distance ORDER BY g.row_no),
                     CASE WHEN bool_or(a.rfm IS NOT NULL) THEN array_agg(a.rfm ORDER BY g.row_no) END,
                     CASE WHEN bool_or(a.probability IS NOT NULL) THEN array_agg(a.probability ORDER BY g.row_no) END,
                     CASE WHEN bool_or(a.runner_up IS NOT NULL) THEN array_agg(a.runner_up ORDER BY g.row_no) END,
                     CASE WHEN bool_or(a.runner_up_probability IS NOT NULL)
                          THEN array_agg(a.runner_up_probability ORDER BY g.row_no) END
              FROM (SELECT r AS row_no, (r - 1) / 1024 AS block_no
                    FROM generate_series(1, (SELECT coalesce(max(row_no), 0) FROM %3$I)) r) g
              LEFT JOIN %3$I a ON a.row_no = g.row_no
              GROUP BY g.block_no
              HAVING count(a.row_no) > 0) s$sql$, new, run, old);
    EXECUTE format('DROP TABLE %I', old);
    EXECUTE format('ALTER TABLE %I RENAME TO %I', new, old);
    EXECUTE format('ALTER TABLE assignment_block ATTACH PARTITION %I FOR VALUES IN (%s)', old, run);
END
$$;

SELECT pg_temp.convert_assignments(substring(t.tablename FROM 13)::bigint)
FROM pg_tables t
WHERE t.schemaname = current_schema() AND t.tablename ~ '^assignment_r[0-9]+$'
    AND EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = (quote_ident(t.tablename))::regclass);

DROP TABLE assignment;

-- One block's rows. A function of its own, not unnest in the view, for the planner's sake: it takes an unnest of an
-- array column for 10 rows, so a join of two runs' rows with their customers was planned as nested loops over every
-- block of the other run (minutes at 1M customers). ROWS 1,024 tells it the truth; STRICT (a block is never null)
-- keeps the function from being inlined, which would drop that estimate again.
CREATE FUNCTION assignment_rows(b assignment_block)
    RETURNS TABLE (segment_ordinal smallint, distance double precision, second_distance double precision,
        rfm smallint, probability real, runner_up smallint, runner_up_probability real, i bigint)
    LANGUAGE sql STRICT IMMUTABLE ROWS 1024 AS $$
        SELECT * FROM unnest(b.segments, b.distances, b.second_distances, b.rfm, b.probabilities, b.runners_up,
            b.runner_up_probabilities) WITH ORDINALITY
    $$;

-- The rows of the blocks, for set-based readers (sizes, grids, transitions, change events): a query that names a
-- run reads only that run's blocks; one that looks up a row by number should read its block directly instead.
CREATE VIEW assignment AS
SELECT b.segmentation_id, b.block_no * 1024 + u.i::integer AS row_no, u.segment_ordinal::integer AS segment_ordinal,
       u.distance, u.second_distance, u.rfm, u.probability, u.runner_up, u.runner_up_probability
FROM assignment_block b
CROSS JOIN LATERAL assignment_rows(b) u
WHERE u.segment_ordinal IS NOT NULL;
