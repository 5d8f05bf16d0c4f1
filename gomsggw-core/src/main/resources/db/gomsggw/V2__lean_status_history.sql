-- gomsggw schema, version 2: a leaner status history (see docs/benchmarks.md).
-- The history had a surrogate identity key plus an index on (message_id, at): two B-trees and a
-- sequence to maintain for every row. It is now keyed by (message_id, seq) alone; that key serves
-- the lookup of a message's history and the foreign key. seq orders the changes of one message
-- that carry the same time: the gateway gives increasing values (microseconds since the epoch);
-- the rows of version 1 keep their identity value, which is smaller than any of those.
CREATE TABLE message_status_history_v2 (
    message_id VARCHAR(36)              NOT NULL,
    seq        BIGINT                   NOT NULL,
    status     VARCHAR(16)              NOT NULL,
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    reason     VARCHAR(2048),
    CONSTRAINT pk_message_status_history_v2 PRIMARY KEY (message_id, seq),
    CONSTRAINT fk_message_status_history_v2_message FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE CASCADE
);

INSERT INTO message_status_history_v2 (message_id, seq, status, at, reason)
SELECT message_id, id, status, at, reason FROM message_status_history;

DROP TABLE message_status_history;

ALTER TABLE message_status_history_v2 RENAME TO message_status_history;
ALTER TABLE message_status_history RENAME CONSTRAINT pk_message_status_history_v2 TO pk_message_status_history;
ALTER TABLE message_status_history RENAME CONSTRAINT fk_message_status_history_v2_message
    TO fk_message_status_history_message;
