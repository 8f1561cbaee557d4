-- Status and region have a handful of values each over tens of thousands of entities: their indexes
-- never beat a scan, but every import paid for them (the import benchmark, README). Searches by
-- them filter the primary-key order instead.
DROP INDEX IF EXISTS directory_entity_region;
DROP INDEX IF EXISTS directory_entity_status;
