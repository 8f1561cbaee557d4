-- Later batches (issue 4): an entity may be drawn again in a later batch of the same plan when its
-- yearly cap allows it (sampling-ratio.dmn, e.g. credit class C twice a year), so an inspection is
-- unique per plan, batch and entity. Opening stays idempotent per batch.
ALTER TABLE inspection DROP CONSTRAINT inspection_plan_entity;
ALTER TABLE inspection ADD CONSTRAINT inspection_plan_batch_entity UNIQUE (plan_number, batch, uscc);
