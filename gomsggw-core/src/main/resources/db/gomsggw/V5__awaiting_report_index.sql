-- Delivery reports find their message by the carrier's id only while the message waits for one
-- (not delivered or failed yet). Carrier ids are random (UUIDs, SIDs): an index over every
-- message's carrier id took one insert at a random place of an ever-growing B-tree per message,
-- on H2 more than half of the cost of writing a message. awaiting_report_id holds the carrier id
-- while the message is not final and is NULL after, so its index stays as small as the set of
-- messages in flight (NULL keys are appended in row order). carrier_message_id keeps the id for
-- display and is no longer indexed.
ALTER TABLE messages ADD COLUMN awaiting_report_id VARCHAR(255);
UPDATE messages SET awaiting_report_id = carrier_message_id
    WHERE carrier_message_id IS NOT NULL AND status NOT IN ('delivered', 'failed');
CREATE INDEX ix_messages_awaiting_report ON messages (awaiting_report_id);
DROP INDEX ix_messages_carrier_message_id;
