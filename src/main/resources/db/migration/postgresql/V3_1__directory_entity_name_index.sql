-- prefix search on names (LIKE 'x%'): pattern ops make the index usable under any collation
CREATE INDEX directory_entity_name ON directory_entity (name varchar_pattern_ops);
