-- Usage limits on several nodes (docs/scale-out.md, "Limits"): a node far from a limit takes a
-- grant of several units of a limited counter at once (usage_counters.amount is raised by all of
-- them, within the limit) and hands them out locally. This table holds, per counter, period and
-- node, the units granted and not yet reported used: the node lowers it as it reports use (every
-- second), gives the unused rest back (amount lowered, row deleted) when it has not used the
-- counter for a few seconds, at period end, at shutdown or when asked, and the node that takes a
-- dead node's work over gives that node's rows back. recalled: another node found the limit
-- reached while this node held units, and asks for them back. The embedded database, which serves
-- one node, never writes it.
CREATE TABLE usage_grants (
    counter      VARCHAR(255)             NOT NULL,
    period_start TIMESTAMP WITH TIME ZONE NOT NULL,
    server_id    VARCHAR(255)             NOT NULL,
    units        BIGINT                   NOT NULL,
    recalled     BOOLEAN                  NOT NULL,
    CONSTRAINT pk_usage_grants PRIMARY KEY (counter, period_start, server_id)
);
CREATE INDEX ix_usage_grants_server ON usage_grants (server_id);
