-- Every version of a published plan once it was corrected or withdrawn (see common/V61): the
-- public text of that version (name, remarks, items as JSON) and why it changed. Version 1 is
-- written at the first change, from the row as it was published.
CREATE TABLE public_plan_version (
    plan_number   VARCHAR(40)   NOT NULL,
    version       INTEGER       NOT NULL,
    change_kind   VARCHAR(12)   NOT NULL,
    change_reason VARCHAR(2000),
    published_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    name          VARCHAR(200)  NOT NULL,
    remarks       VARCHAR(2000),
    items_json    CHARACTER LARGE OBJECT NOT NULL,
    CONSTRAINT public_plan_version_pk PRIMARY KEY (plan_number, version)
);
