-- A webhook made for every kind of event there was (events left out) hears of drift too.
UPDATE webhook SET events = events || ARRAY['DRIFT_DETECTED']
WHERE events @> ARRAY['ENTERED', 'EXITED', 'PUBLISHED', 'RUN_FAILED'] AND NOT 'DRIFT_DETECTED' = ANY (events);
