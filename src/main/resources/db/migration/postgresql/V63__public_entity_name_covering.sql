-- Search by name prefix reads the hits straight from the index (an index-only scan): the columns a
-- hit shows ride along in the index, so the ~20 rows of a page cost no visits to the table's pages.
CREATE INDEX public_entity_name_covering ON public_entity (entity_name, uscc)
    INCLUDE (results, listings, last_published_at);
DROP INDEX public_entity_name;
