-- A message's status changes are kept in its own row (one line per change, see
-- StatusHistoryColumn): writing them as rows of message_status_history cost three B-tree
-- inserts per change on H2 (row, primary key, foreign key index), twice the cost of the message
-- row itself. message_status_history keeps the history of messages written before this version
-- and gets no new rows; a message's history is those rows, then the lines of this column.
ALTER TABLE messages ADD COLUMN status_history VARCHAR;
