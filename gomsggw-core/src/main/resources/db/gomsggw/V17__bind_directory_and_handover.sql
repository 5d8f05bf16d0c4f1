-- Several nodes on one database (docs/scale-out.md, "SMPP clients on several nodes").
--
-- The bind directory: which node holds receiving SMPP binds of which client, one row per client
-- and node, written by that node when its first receiving bind of the client opens and deleted
-- when its last one closes (binds counts them). A row of a node whose lease has ended is ignored
-- by the readers and deleted by whichever node notices. The embedded database, which serves one
-- node, never writes it.
CREATE TABLE client_binds (
    client_id BIGINT                   NOT NULL,
    server_id VARCHAR(255)             NOT NULL,
    binds     INTEGER                  NOT NULL,
    bound_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_client_binds PRIMARY KEY (client_id, server_id)
);

-- Handover: a message for an SMPP client goes to the node where the client is bound. Its row
-- gets that node's server_id and a number from this sequence; the node claims its numbered rows
-- (setting handover_seq back to NULL) and dispatches them in the order of their numbers. A number
-- taken when the message is accepted follows the order of acceptance across nodes. NULL for every
-- other row, so the index holds NULL keys appended in row order and the few numbered rows.
CREATE SEQUENCE message_handover_seq;
ALTER TABLE messages ADD COLUMN handover_seq BIGINT;
CREATE INDEX ix_messages_handover_seq ON messages (handover_seq);

-- Delivery receipts follow their SMPP client the same way: a receipt for a client bound on another
-- node is written for that node (server_id) with a number, and claimed by it. NULL server_id: kept
-- by the node that made it (and by the only node, on the embedded database).
ALTER TABLE pending_receipts ADD COLUMN server_id VARCHAR(255);
ALTER TABLE pending_receipts ADD COLUMN handover_seq BIGINT;
