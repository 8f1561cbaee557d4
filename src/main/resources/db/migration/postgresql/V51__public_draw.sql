-- The disclosure projection's draw records (see common/V50): the record JSON exactly as published.
CREATE TABLE public_draw (
    draw_id      VARCHAR(60) PRIMARY KEY,
    plan_number  VARCHAR(40) NOT NULL,
    batch        INTEGER     NOT NULL,
    commitment   VARCHAR(64),
    record_json  TEXT        NOT NULL,
    drawn_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    arisen_on    DATE        NOT NULL,
    deadline     DATE        NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT public_draw_plan_batch UNIQUE (plan_number, batch)
);

-- Search by USCC prefix and name prefix (LIKE 'x%'), ordered by the same column: byte-order ("C")
-- collation makes one plain btree serve both the prefix range and the order, under any database
-- collation (varchar_pattern_ops would serve LIKE but not ORDER BY).
ALTER TABLE public_entity ALTER COLUMN entity_name TYPE VARCHAR(200) COLLATE "C";
ALTER TABLE public_entity ALTER COLUMN uscc TYPE VARCHAR(18) COLLATE "C";
CREATE INDEX public_entity_name ON public_entity (entity_name, uscc);
