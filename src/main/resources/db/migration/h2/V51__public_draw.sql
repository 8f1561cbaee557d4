-- The disclosure projection's draw records (see common/V50): the record JSON exactly as published.
CREATE TABLE public_draw (
    draw_id      VARCHAR(60) PRIMARY KEY,
    plan_number  VARCHAR(40) NOT NULL,
    batch        INTEGER     NOT NULL,
    commitment   VARCHAR(64),
    record_json  CHARACTER LARGE OBJECT NOT NULL,
    drawn_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    arisen_on    DATE        NOT NULL,
    deadline     DATE        NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT public_draw_plan_batch UNIQUE (plan_number, batch)
);

-- name prefix search (LIKE 'x%')
CREATE INDEX public_entity_name ON public_entity (entity_name);
