-- Issue 17 item 5: calendar feeds. One per person: the SHA-256 (hex) of the secret in the feed's
-- address (/ical/<token>.ics), never the secret itself. A new feed replaces the hash (the old address
-- then answers 404); revoking deletes the row.
CREATE TABLE notification_calendar_feed (
    user_id      VARCHAR(64) PRIMARY KEY,
    token_hash   VARCHAR(64) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_read_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT notification_calendar_feed_token UNIQUE (token_hash)
);
