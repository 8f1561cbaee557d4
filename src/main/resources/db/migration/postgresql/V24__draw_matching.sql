-- Inspector matching (R5), internal: the request it was computed from (inspector pool, conflicts,
-- needs) and its result, so an auditor can replay it exactly. One per plan batch.
CREATE TABLE draw_matching (
    plan_number  VARCHAR(40) NOT NULL,
    batch        INTEGER     NOT NULL,
    algorithm    VARCHAR(40) NOT NULL,
    request_json TEXT NOT NULL,
    result_json  TEXT NOT NULL,
    flags        INTEGER     NOT NULL,
    matched_by   VARCHAR(64),
    matched_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT draw_matching_pk PRIMARY KEY (plan_number, batch)
);
