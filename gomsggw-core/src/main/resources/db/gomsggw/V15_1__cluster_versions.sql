-- Shared state that nodes keep in memory (the directory of clients, numbers and carriers) carries
-- a version here: a node that changes it bumps the version, the others see the new version (told
-- at once by NOTIFY on PostgreSQL, or by reading it every second) and reload.
CREATE TABLE cluster_versions (
    name    VARCHAR(64) NOT NULL,
    version BIGINT      NOT NULL,
    CONSTRAINT pk_cluster_versions PRIMARY KEY (name)
);
INSERT INTO cluster_versions (name, version) VALUES ('directory', 0);
