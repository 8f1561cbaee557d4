-- Joint inspections (issue 4, item 6): one per drawn entity of a plan batch. The number is the plan
-- number + "-" + a 4-digit sequence in the draw's key order; UNIQUE (plan_number, uscc) makes
-- opening idempotent, so a retried or concurrent chunk never doubles a case.
CREATE TABLE inspection (
    number              VARCHAR(60)  PRIMARY KEY,
    plan_number         VARCHAR(40)  NOT NULL,
    batch               INTEGER      NOT NULL,
    uscc                VARCHAR(18)  NOT NULL,
    status              VARCHAR(12)  NOT NULL,
    process_instance_id VARCHAR(64),
    opened_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    done_at             TIMESTAMP WITH TIME ZONE,
    CONSTRAINT inspection_plan_entity UNIQUE (plan_number, uscc)
);
CREATE INDEX inspection_plan_batch ON inspection (plan_number, batch);

-- The drawn inspectors of each department (onedoor-match-v1): the candidate users of its task.
CREATE TABLE inspection_assignment (
    inspection_number VARCHAR(60) NOT NULL REFERENCES inspection (number),
    department        VARCHAR(20) NOT NULL,
    staff_number      VARCHAR(64) NOT NULL,
    CONSTRAINT inspection_assignment_pk PRIMARY KEY (inspection_number, department, staff_number)
);

-- Departments too few eligible inspectors were found for: that department's chiefs take the task.
CREATE TABLE inspection_flag (
    inspection_number VARCHAR(60)   NOT NULL REFERENCES inspection (number),
    department        VARCHAR(20)   NOT NULL,
    reason            VARCHAR(1000) NOT NULL,
    CONSTRAINT inspection_flag_pk PRIMARY KEY (inspection_number, department)
);

-- Each department's result (R7 code) of the on-site check.
CREATE TABLE inspection_result (
    inspection_number VARCHAR(60)   NOT NULL REFERENCES inspection (number),
    department        VARCHAR(20)   NOT NULL,
    code              VARCHAR(2)    NOT NULL,
    remarks           VARCHAR(2000),
    recorded_by       VARCHAR(64)   NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT inspection_result_pk PRIMARY KEY (inspection_number, department)
);
