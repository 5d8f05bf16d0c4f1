-- A batch runner takes a job's rows in index order. Instead of rewriting every row it takes to
-- 'sending' (a second write of each row, after its outcome), a claim moves this cursor: a row
-- still 'pending' at or below it has been taken, and reads as 'sending'. Rows taken out of order
-- (queued rows claimed again after a usage limit) are still written 'sending' one by one.
-- -1: nothing taken yet.
ALTER TABLE batch_jobs ADD COLUMN claimed_through INTEGER DEFAULT -1 NOT NULL;
