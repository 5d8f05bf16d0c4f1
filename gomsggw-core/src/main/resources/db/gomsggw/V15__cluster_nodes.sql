-- The nodes of a cluster on one database (docs/scale-out.md): each node holds its SERVER_ID row
-- while its lease runs, renewing it by heartbeat; another node may take an id over only once its
-- lease has ended. The incarnation is random per start, so a node can tell its own row from that
-- of a later node with its id. Times are the database's own clock, so nodes need not agree on one.
CREATE TABLE cluster_nodes (
    server_id    VARCHAR(255)             NOT NULL,
    incarnation  VARCHAR(36)              NOT NULL,
    address      VARCHAR(255),
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_until  TIMESTAMP WITH TIME ZONE NOT NULL,
    stopped_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_cluster_nodes PRIMARY KEY (server_id)
);
