-- Batch sending (POST /messages/batch). A job and all its rows are written in one transaction
-- before the client gets its 202. Each row carries the gateway message id reserved for it at
-- creation (message_id), so a row submitted just before a crash is recognised afterwards.
-- Jobs outlive nothing: they go with their client.
CREATE TABLE batch_jobs (
    id                   VARCHAR(36)              NOT NULL,
    client_id            BIGINT                   NOT NULL,
    api_key_id           BIGINT,
    status               VARCHAR(24)              NOT NULL,
    total_count          INTEGER                  NOT NULL,
    from_number          VARCHAR(64)              NOT NULL,
    webhook_url          VARCHAR(2048),
    throttle_per_second  INTEGER                  NOT NULL,
    max_retry_mins       INTEGER                  NOT NULL,
    retry_until          TIMESTAMP WITH TIME ZONE,
    webhook_notified     BOOLEAN                  NOT NULL DEFAULT FALSE,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_batch_jobs PRIMARY KEY (id),
    CONSTRAINT fk_batch_jobs_client FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE
);
CREATE INDEX ix_batch_jobs_client_created ON batch_jobs (client_id, created_at);
CREATE INDEX ix_batch_jobs_status ON batch_jobs (status);

-- The primary key is the only index: every read is of one job's rows (claims walk them in index
-- order, counts group them, a cancel finds one by its message id among them), and each further
-- index was a third more work per row when a 10,000-row batch is stored before its 202.
-- status: pending, sending (claimed by the runner, possibly submitted), sent, queued (waiting
-- for a usage limit to turn), failed, cancelled.
CREATE TABLE batch_messages (
    batch_id    VARCHAR(36)              NOT NULL,
    row_index   INTEGER                  NOT NULL,
    message_id  VARCHAR(36)              NOT NULL,
    to_number   VARCHAR(64)              NOT NULL,
    text        VARCHAR                  NOT NULL,
    status      VARCHAR(16)              NOT NULL,
    error       VARCHAR(2048),
    error_code  INTEGER                  NOT NULL DEFAULT 0,
    queued_at   TIMESTAMP WITH TIME ZONE,
    sent_at     TIMESTAMP WITH TIME ZONE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_batch_messages PRIMARY KEY (batch_id, row_index),
    CONSTRAINT fk_batch_messages_job FOREIGN KEY (batch_id) REFERENCES batch_jobs (id) ON DELETE CASCADE
);
