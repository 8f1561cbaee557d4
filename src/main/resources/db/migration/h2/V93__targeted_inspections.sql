-- Targeted inspections (定向检查, issue 15 item 4): a joint inspection opened outside the random plans,
-- e.g. because a chief approved one after a risk warning's check. It has no plan and no batch; kind says
-- which it is ('random': drawn by a plan; 'targeted').
ALTER TABLE inspection ADD COLUMN kind VARCHAR(12) DEFAULT 'random' NOT NULL;
ALTER TABLE inspection ALTER COLUMN plan_number DROP NOT NULL;
ALTER TABLE inspection ALTER COLUMN batch DROP NOT NULL;

-- What a targeted inspection stands on instead of a plan: why it was opened (reason_kind/reason_ref, one
-- inspection per reason: opening is idempotent), its title, department and items (catalogue version and
-- item codes, "department:CODE,CODE"), the window the visit must fall in, and the matching of its
-- inspectors (onedoor-match-v1 on a seed from the number, stored so that it can be replayed, as a draw's).
-- Numbered DX<year>-<4 digits> by year.
CREATE TABLE inspection_targeted (
    inspection_number VARCHAR(60)   PRIMARY KEY REFERENCES inspection (number),
    number_year       INTEGER       NOT NULL,
    number_sequence   INTEGER       NOT NULL,
    reason_kind       VARCHAR(20)   NOT NULL,
    reason_ref        VARCHAR(60)   NOT NULL,
    title             VARCHAR(200)  NOT NULL,
    lead_department   VARCHAR(20)   NOT NULL,
    catalog_version   INTEGER       NOT NULL,
    items             VARCHAR(2000) NOT NULL,
    window_from       DATE          NOT NULL,
    window_to         DATE          NOT NULL,
    matching_request  CHARACTER LARGE OBJECT NOT NULL,
    matching_result   CHARACTER LARGE OBJECT NOT NULL,
    opened_by         VARCHAR(64)   NOT NULL,
    CONSTRAINT inspection_targeted_sequence UNIQUE (number_year, number_sequence),
    CONSTRAINT inspection_targeted_reason UNIQUE (reason_kind, reason_ref)
);
CREATE INDEX inspection_kind_opened ON inspection (kind, opened_at);
