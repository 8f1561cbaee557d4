-- Issue 15: warnings raised by the rules of a monitoring source, at most one open per business and rule,
-- and what became of them (the check's deadline, the targeted inspection a chief approved).
-- feed: the monitoring source (onedoor.monitoring.sources) of a warning its rules raised; rule_code and
-- rule_name: the rule (a row of the source's DMN table). open_key: set while the warning is open (checking
-- or awaiting approval), NULL once concluded; unique, so a second open warning for the same business and
-- rule cannot be registered (NULLs do not collide).
ALTER TABLE credit_risk_warning ADD COLUMN feed VARCHAR(40);
ALTER TABLE credit_risk_warning ADD COLUMN rule_code VARCHAR(40);
ALTER TABLE credit_risk_warning ADD COLUMN rule_name VARCHAR(200);
ALTER TABLE credit_risk_warning ADD COLUMN open_key VARCHAR(120);
ALTER TABLE credit_risk_warning ADD CONSTRAINT credit_risk_warning_open_key UNIQUE (open_key);
-- when the check (核查预警) is due: the task's due date, 5 working days after registration
ALTER TABLE credit_risk_warning ADD COLUMN check_due_at TIMESTAMP WITH TIME ZONE;
-- the catalogue items the chief approved the targeted inspection on, and the inspection opened
ALTER TABLE credit_risk_warning ADD COLUMN inspection_items VARCHAR(1000);
ALTER TABLE credit_risk_warning ADD COLUMN inspection_number VARCHAR(60);
CREATE INDEX credit_risk_warning_received ON credit_risk_warning (department, received_at);
