-- prefix search on names (LIKE 'x%')
CREATE INDEX directory_entity_name ON directory_entity (name);
