-- How far the embedded gateway's message log (data/journal) has been applied to the tables:
-- the LSN of the last log record written here, updated in the same transaction as the rows it
-- wrote, so after a crash the log is replayed from exactly the next record. One row; unused
-- (and left at 0) when the gateway writes to PostgreSQL directly.
CREATE TABLE message_log_position (
    id          SMALLINT NOT NULL,
    applied_lsn BIGINT   NOT NULL,
    CONSTRAINT pk_message_log_position PRIMARY KEY (id)
);
INSERT INTO message_log_position (id, applied_lsn) VALUES (1, 0);
