-- The LSN of the last message-log record written to the row (NULL for rows written directly,
-- as on PostgreSQL, or before version 6). The log's applier may write a message's later status
-- changes together with its insert, ahead of the applied position it records; after a crash,
-- this column tells the replay which of those changes the row has already.
ALTER TABLE messages ADD COLUMN log_lsn BIGINT;
