-- The entity page's first page as the public JSON API answers it (results and list decisions as the public
-- sees them), kept in step with every publication, correction and withdrawal of the entity's records: the most
-- read page of the public site is one row read instead of three queries. NULL until written (rows from before
-- this column are filled by EntityFirstPages' backfill; until then they are read the long way).
ALTER TABLE public_entity ADD COLUMN first_page TEXT;
-- the page size the answer was made for (the default page size is configuration)
ALTER TABLE public_entity ADD COLUMN first_page_size INTEGER;
