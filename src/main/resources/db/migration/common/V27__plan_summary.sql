-- The summary of a plan batch once its inspections are done or its window has closed (R3, R15).
CREATE TABLE plan_summary (
    plan_number VARCHAR(40)   NOT NULL,
    batch       INTEGER       NOT NULL,
    drawn       INTEGER       NOT NULL,
    opened      INTEGER       NOT NULL,
    done        INTEGER       NOT NULL,
    overdue     INTEGER       NOT NULL,
    flagged     INTEGER       NOT NULL,
    results     VARCHAR(2000) NOT NULL,
    closed_by   VARCHAR(20)   NOT NULL,
    closed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT plan_summary_pk PRIMARY KEY (plan_number, batch)
);
