-- Delivery reports the gateway owes a client and sends by itself (MM4_delivery_report.REQ to the PBX
-- that asked for one), kept from the moment the message turns final until the client takes the report
-- or it is given up, so that neither a restart nor a long outage of the client's server loses them.
-- server_id is the node that sends it (null on a database that serves one node); a node that takes a
-- dead node's work over takes its reports too.
CREATE TABLE owed_reports (
    message_id        VARCHAR(64)              NOT NULL,
    client_id         BIGINT                   NOT NULL,
    server_id         VARCHAR(255),
    client_message_id VARCHAR(255)             NOT NULL,
    from_number       VARCHAR(64)              NOT NULL,
    to_number         VARCHAR(64)              NOT NULL,
    status            VARCHAR(16)              NOT NULL,
    reason            VARCHAR(2048),
    done_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_owed_reports PRIMARY KEY (message_id)
);
CREATE INDEX ix_owed_reports_server ON owed_reports (server_id);
