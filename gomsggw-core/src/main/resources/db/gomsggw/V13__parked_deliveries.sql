-- Deliveries to clients that wait for their next attempt are parked in the message's own row:
-- status 'queued' with retry_at set to when the attempt is due. A scheduler selects the due rows
-- by retry_at (indexed); any other status change clears it. Rows are claimable by several nodes
-- (SELECT ... WHERE retry_at <= now() FOR UPDATE SKIP LOCKED on PostgreSQL).
-- window_from starts a new delivery window when a message is redelivered (null: created_at).
ALTER TABLE messages ADD COLUMN retry_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE messages ADD COLUMN window_from TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_messages_retry_at ON messages (retry_at);
-- undelivered messages of a client by time, for bulk redelivery
CREATE INDEX ix_messages_target_status_created ON messages (target_client_id, status, created_at);

-- Client delivery settings: null means "use the environment's default" (WEBHOOK_RETRIES,
-- WEBHOOK_RETRY_DELAY_SECS, DELIVERY_WINDOW_HOURS, WEBHOOK_MAX_CONCURRENCY). Before this version
-- webhook_retries was NOT NULL DEFAULT 3, so a 3 cannot be told apart from "never set"; every 3
-- becomes null (the documented default of WEBHOOK_RETRIES is 3, so nothing changes for a node
-- on the defaults, and a node that sets WEBHOOK_RETRIES now reaches these clients as documented).
-- A client that must keep 3 whatever the environment says sets it again through the admin API.
ALTER TABLE clients ALTER COLUMN webhook_retries DROP NOT NULL;
ALTER TABLE clients ALTER COLUMN webhook_retries DROP DEFAULT;
UPDATE clients SET webhook_retries = NULL WHERE webhook_retries = 3;
ALTER TABLE clients ADD COLUMN webhook_retry_delay_secs INTEGER;
ALTER TABLE clients ADD COLUMN delivery_window_hours INTEGER;
ALTER TABLE clients ADD COLUMN webhook_max_concurrency INTEGER;
