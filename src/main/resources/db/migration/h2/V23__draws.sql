-- The draw (R4): the secret nonce (internal), the frozen population, the public record, and the
-- selections (which count towards each entity's yearly cap). Large texts are vendor-specific types.
CREATE TABLE draw_commitment (
    plan_number  VARCHAR(40) NOT NULL,
    batch        INTEGER     NOT NULL,
    nonce_hex    VARCHAR(64) NOT NULL,
    commitment   VARCHAR(64) NOT NULL,
    committed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT draw_commitment_pk PRIMARY KEY (plan_number, batch)
);

CREATE TABLE draw_freeze (
    plan_number     VARCHAR(40) NOT NULL,
    batch           INTEGER     NOT NULL,
    population_hash VARCHAR(64) NOT NULL,
    population_json CHARACTER LARGE OBJECT NOT NULL,
    excluded_json   VARCHAR(1000) NOT NULL,
    frozen_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT draw_freeze_pk PRIMARY KEY (plan_number, batch)
);

-- What the public may read, and nothing else: the commitment before the draw, the record after it.
CREATE TABLE draw_publication (
    id           VARCHAR(60) PRIMARY KEY,
    plan_number  VARCHAR(40) NOT NULL,
    batch        INTEGER     NOT NULL,
    state        VARCHAR(12) NOT NULL,
    public_json  CHARACTER LARGE OBJECT NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE NOT NULL,
    drawn_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT draw_publication_plan_batch UNIQUE (plan_number, batch)
);

CREATE TABLE draw_selection (
    plan_number VARCHAR(40) NOT NULL,
    batch       INTEGER     NOT NULL,
    uscc        VARCHAR(18) NOT NULL,
    stratum     VARCHAR(20) NOT NULL,
    key_order   INTEGER     NOT NULL,
    plan_year   INTEGER     NOT NULL,
    CONSTRAINT draw_selection_pk PRIMARY KEY (plan_number, batch, uscc)
);
CREATE INDEX draw_selection_year ON draw_selection (plan_year, uscc);
