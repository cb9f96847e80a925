-- Versions of a customer table. A dataset uploaded as a new version of another joins its lineage: the lineage is
-- named by its first version's id, which every dataset that is not a version has as its own. What is live (the one
-- published run, its segment events, the publish history, the webhooks that follow it) belongs to the lineage, so
-- publishing a run of version 2 replaces the live run of version 1 and its events say who entered and exited.
ALTER TABLE dataset ADD COLUMN lineage_id bigint, ADD COLUMN version integer;
UPDATE dataset SET lineage_id = id, version = 1;
ALTER TABLE dataset ALTER COLUMN lineage_id SET NOT NULL, ALTER COLUMN version SET NOT NULL;
CREATE UNIQUE INDEX dataset_lineage_version_idx ON dataset (lineage_id, version);

-- A run belongs to its dataset's lineage (copied, so the one-live-run rule can be an index).
ALTER TABLE segmentation ADD COLUMN lineage_id bigint;
UPDATE segmentation SET lineage_id = dataset_id;
ALTER TABLE segmentation ALTER COLUMN lineage_id SET NOT NULL;

-- At most one published run per lineage (was: per dataset, the same thing before versions).
DROP INDEX segmentation_published_idx;
CREATE UNIQUE INDEX segmentation_published_idx ON segmentation (lineage_id) WHERE published_at IS NOT NULL;

-- Rows inserted without a lineage (by an instance of the version before this one, during a rolling upgrade) get the
-- one they would have had: a dataset its own, a run its dataset's.
CREATE FUNCTION dataset_default_lineage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.lineage_id := coalesce(NEW.lineage_id, NEW.id);
    NEW.version := coalesce(NEW.version, 1);
    RETURN NEW;
END $$;
CREATE TRIGGER dataset_default_lineage BEFORE INSERT ON dataset
    FOR EACH ROW WHEN (NEW.lineage_id IS NULL OR NEW.version IS NULL) EXECUTE FUNCTION dataset_default_lineage();

CREATE FUNCTION segmentation_default_lineage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT d.lineage_id INTO NEW.lineage_id FROM dataset d WHERE d.id = NEW.dataset_id;
    RETURN NEW;
END $$;
CREATE TRIGGER segmentation_default_lineage BEFORE INSERT ON segmentation
    FOR EACH ROW WHEN (NEW.lineage_id IS NULL) EXECUTE FUNCTION segmentation_default_lineage();
