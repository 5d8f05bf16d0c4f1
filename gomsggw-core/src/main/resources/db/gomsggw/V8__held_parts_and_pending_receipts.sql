-- What an SMPP client was answered for but the gateway only had in memory before version 8, so
-- that a restart loses none of it. On the embedded database these rows are written from the
-- message log (data/journal) behind, like messages; on PostgreSQL directly.

-- The parts of long messages that were answered (submit_sm_resp) while the message's other parts
-- have not arrived; a message's parts are deleted when it is whole or expires.
CREATE TABLE held_message_parts (
    message_id          VARCHAR(64)              NOT NULL,
    seqnum              INTEGER                  NOT NULL,
    client_id           BIGINT                   NOT NULL,
    source_address      VARCHAR(64)              NOT NULL,
    destination_address VARCHAR(64)              NOT NULL,
    reference           INTEGER                  NOT NULL,
    total               INTEGER                  NOT NULL,
    data_coding         INTEGER                  NOT NULL,
    registered_delivery INTEGER                  NOT NULL,
    payload             BYTEA                    NOT NULL,
    received_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_held_message_parts PRIMARY KEY (message_id, seqnum)
);

-- Delivery receipts waiting for their client's next receiving bind; deleted once sent.
CREATE TABLE pending_receipts (
    message_id   VARCHAR(64)              NOT NULL,
    client_id    BIGINT                   NOT NULL,
    from_number  VARCHAR(64)              NOT NULL,
    to_number    VARCHAR(64)              NOT NULL,
    status       VARCHAR(16)              NOT NULL,
    submitted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    done_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    text_start   VARCHAR(128)             NOT NULL,
    CONSTRAINT pk_pending_receipts PRIMARY KEY (message_id)
);
