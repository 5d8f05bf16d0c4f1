-- import-go (docs/switching-from-go.md) copies the message records of a Go gateway's database
-- page by page, in the order of their ids. This is how far it got, per Go client: every record of
-- that client with an id up to last_id has been copied. A second run continues after it; a client
-- imported only by a later run (after its rows were fixed) starts from the beginning.
CREATE TABLE go_import_progress (
    source_table VARCHAR(64)              NOT NULL,
    go_client_id BIGINT                   NOT NULL,
    last_id      BIGINT                   NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_go_import_progress PRIMARY KEY (source_table, go_client_id)
);
