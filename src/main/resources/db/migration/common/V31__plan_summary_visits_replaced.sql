-- The burden figure (R15): separate visits the plan batch's joint visits replaced (departments - 1 each).
ALTER TABLE plan_summary ADD COLUMN visits_replaced INTEGER DEFAULT 0 NOT NULL;
