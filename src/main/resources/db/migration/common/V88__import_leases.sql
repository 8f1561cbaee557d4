-- Issue 16 item 4: an import is leased by the node running it. The node renews lease_until while it
-- lives (ImportLeases); once the lease has run out (the node is gone) another node claims the import
-- and resumes it from rows_done, or fails it with the reason when the upload is not reachable there.
-- NULL (imports from before): free to be claimed. Times are the database's (CURRENT_TIMESTAMP), so
-- the nodes' clocks do not matter.
ALTER TABLE directory_import ADD COLUMN owner_node VARCHAR(100);
ALTER TABLE directory_import ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
