-- A running run's executor touches heartbeat_at every few seconds; a run still RUNNING whose heartbeat
-- has stopped (its executor died with its process, or lost the database) is failed by the sweeper.
ALTER TABLE segmentation ADD COLUMN heartbeat_at timestamptz;
