-- The department(s) the actor of an audit entry belonged to when acting (issue 13): taken from the
-- actor's Camunda group membership (groups of type DEPARTMENT), never from a process variable.
-- NULL for the system and for users in no department (administrators).
ALTER TABLE inspection_event ADD COLUMN actor_department VARCHAR(200);
