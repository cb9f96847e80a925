-- Every publish of a dataset, with each live segment's size and share at that moment: the history of how segments
-- grow and shrink. Written in the publishing transaction; kept when the runs are deleted (the sizes are copied),
-- removed with the dataset.
CREATE TABLE publication (
    id                       bigserial   PRIMARY KEY,
    dataset_id               bigint      NOT NULL,
    segmentation_id          bigint      NOT NULL,
    previous_segmentation_id bigint,
    published_at             timestamptz NOT NULL,
    -- Segment events the publish wrote (ENTERED and EXITED); null for a publish made before events were kept.
    changes                  integer,
    customers                bigint      NOT NULL,
    -- [{key, name, size, share}] in segment order.
    segments                 jsonb       NOT NULL
);

CREATE INDEX publication_dataset_idx ON publication (dataset_id, id);

-- The runs live now are the history's first entries.
INSERT INTO publication (dataset_id, segmentation_id, published_at, customers, segments)
SELECT r.dataset_id, r.id, r.published_at, coalesce(sum(s.size), 0),
       coalesce(jsonb_agg(jsonb_build_object('key', s.key, 'name', s.name, 'size', s.size, 'share', s.share)
                          ORDER BY s.ordinal) FILTER (WHERE s.id IS NOT NULL), '[]'::jsonb)
FROM segmentation r
LEFT JOIN segment s ON s.segmentation_id = r.id
WHERE r.published_at IS NOT NULL
GROUP BY r.id
ORDER BY r.published_at;
