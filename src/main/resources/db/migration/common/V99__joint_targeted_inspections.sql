-- Joint targeted inspections (issue 15 item 4): the chief approving a warning's targeted inspection may name
-- other departments' catalogue items; each of those departments' chiefs agrees (the department takes part) or
-- declines with reasons (it is left out) by a deadline in working days; a department that has not answered by
-- then is left out too (LAPSED). The warning's own department leads and always takes part.
-- status: PENDING, AGREED, DECLINED, LAPSED; items: the department's item codes, comma-separated.
CREATE TABLE credit_warning_countersign (
    warning_id    BIGINT        NOT NULL REFERENCES credit_risk_warning (id),
    department    VARCHAR(20)   NOT NULL,
    items         VARCHAR(1000) NOT NULL,
    status        VARCHAR(12)   NOT NULL,
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_by   VARCHAR(64),
    answered_at   TIMESTAMP WITH TIME ZONE,
    reason        VARCHAR(2000),
    PRIMARY KEY (warning_id, department)
);

-- The approved items now name their department ("market:A01,A02;culture:B01", the lead first), as
-- inspection_targeted.items does; the items approved before were all the warning's own department's.
UPDATE credit_risk_warning SET inspection_items = department || ':' || inspection_items
WHERE inspection_items IS NOT NULL AND inspection_items NOT LIKE '%:%';
