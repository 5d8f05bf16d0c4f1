-- Work is owned by one node (docs/scale-out.md, "Who works on a message"). A message's owner is
-- messages.server_id, written with the message (its acknowledgement); a batch job's owner is
-- batch_jobs.server_id, written with the job (null: a job stored before this version, or on the
-- embedded database, which serves one node; a node on a shared database adopts such a job at start).
ALTER TABLE batch_jobs ADD COLUMN server_id VARCHAR(255);

-- When a node's lease has ended, one live node takes its messages and batch jobs over, in one
-- transaction that locks this row; it records itself here so that nobody takes the same node over
-- twice. A node that registers the id again clears both.
ALTER TABLE cluster_nodes ADD COLUMN taken_over_by VARCHAR(255);
ALTER TABLE cluster_nodes ADD COLUMN taken_over_at TIMESTAMP WITH TIME ZONE;
