-- The tables the Go gateway (github.com/sagostin/gomsggw, commit 6ba4f8b) has GORM create in
-- PostgreSQL: gateway.migrateSchema() in db.go runs AutoMigrate over the models of
--   clients.go       Client, ClientFailover, ClientSettings, ClientNumber, NumberSettings
--   carrier.go       Carrier
--   media_storage.go MediaFile
--   msg_records.go   MsgRecordDBItem
--   api_keys.go      TenantAPIKey, APIKeyNumber
--   batch.go         BatchJob, BatchMessageItem
-- Written out as GORM's PostgreSQL migrator renders those structs: snake_case plural table
-- names, snake_case column names from the field names (WebHook -> web_hook,
-- AutoReplyCooldownSec -> auto_reply_cooldown_sec), uint keys as bigserial, Go int and int64 as
-- bigint, string as text, time.Time as timestamptz (spelled out as timestamp with time zone, which
-- PostgreSQL reads as the same type and H2 also understands); `unique` as a uni_<table>_<column> constraint,
-- `index`/`uniqueIndex` as idx_<table>_<column>, has-one/has-many associations as fk_<owner>_<field>
-- foreign keys. The import test builds its Go-shaped source database from this file.

CREATE TABLE clients (
    id          bigserial NOT NULL,
    username    text      NOT NULL,
    password    text      NOT NULL,
    address     text,
    name        text,
    type        text DEFAULT 'legacy',
    timezone    text DEFAULT 'UTC',
    log_privacy boolean,
    CONSTRAINT clients_pkey PRIMARY KEY (id),
    CONSTRAINT uni_clients_username UNIQUE (username)
);

CREATE TABLE client_numbers (
    id                      bigserial NOT NULL,
    client_id               bigint    NOT NULL,
    number                  text      NOT NULL,
    carrier                 text,
    tag                     text,
    "group"                 text,
    ignore_stop_cmd_sending boolean   NOT NULL DEFAULT false,
    web_hook                text,
    CONSTRAINT client_numbers_pkey PRIMARY KEY (id),
    CONSTRAINT uni_client_numbers_number UNIQUE (number),
    CONSTRAINT fk_clients_numbers FOREIGN KEY (client_id) REFERENCES clients (id)
);
CREATE INDEX idx_client_numbers_client_id ON client_numbers (client_id);

CREATE TABLE client_settings (
    id                        bigserial NOT NULL,
    client_id                 bigint    NOT NULL,
    auth_method               text DEFAULT 'basic',
    api_format                text DEFAULT 'generic',
    disable_message_splitting boolean,
    webhook_retries           bigint,
    webhook_timeout_secs      bigint,
    include_raw_segments      boolean,
    default_webhook           text,
    sms_burst_limit           bigint,
    sms_daily_limit           bigint,
    sms_monthly_limit         bigint,
    mms_burst_limit           bigint,
    mms_daily_limit           bigint,
    mms_monthly_limit         bigint,
    limit_both                boolean DEFAULT false,
    CONSTRAINT client_settings_pkey PRIMARY KEY (id),
    CONSTRAINT fk_clients_settings FOREIGN KEY (client_id) REFERENCES clients (id)
);
CREATE UNIQUE INDEX idx_client_settings_client_id ON client_settings (client_id);

CREATE TABLE number_settings (
    id                      bigserial NOT NULL,
    number_id               bigint    NOT NULL,
    sms_burst_limit         bigint,
    sms_daily_limit         bigint,
    sms_monthly_limit       bigint,
    mms_burst_limit         bigint,
    mms_daily_limit         bigint,
    mms_monthly_limit       bigint,
    limit_both              boolean DEFAULT false,
    auto_reply_enabled      boolean DEFAULT false,
    auto_reply_message      text,
    auto_reply_cooldown_sec bigint DEFAULT 60,
    CONSTRAINT number_settings_pkey PRIMARY KEY (id),
    CONSTRAINT fk_client_numbers_settings FOREIGN KEY (number_id) REFERENCES client_numbers (id)
);
CREATE UNIQUE INDEX idx_number_settings_number_id ON number_settings (number_id);

CREATE TABLE client_failovers (
    id                 bigserial NOT NULL,
    primary_client_id  bigint    NOT NULL,
    fallback_client_id bigint    NOT NULL,
    priority           bigint    NOT NULL DEFAULT 0,
    enabled            boolean DEFAULT true,
    CONSTRAINT client_failovers_pkey PRIMARY KEY (id),
    CONSTRAINT fk_clients_failovers FOREIGN KEY (primary_client_id) REFERENCES clients (id)
);
CREATE INDEX idx_client_failovers_primary_client_id ON client_failovers (primary_client_id);
CREATE UNIQUE INDEX idx_primary_fallback ON client_failovers (primary_client_id, fallback_client_id);

CREATE TABLE carriers (
    id         bigserial NOT NULL,
    name       text      NOT NULL,
    type       text      NOT NULL,
    username   text      NOT NULL,
    password   text      NOT NULL,
    uuid       text      NOT NULL,
    profile_id text,
    CONSTRAINT carriers_pkey PRIMARY KEY (id),
    CONSTRAINT uni_carriers_name UNIQUE (name),
    CONSTRAINT uni_carriers_uuid UNIQUE (uuid)
);

CREATE TABLE media_files (
    id           bigserial NOT NULL,
    access_token varchar(36),
    file_name    text,
    content_type text,
    base64_data  text,
    upload_at    timestamp with time zone,
    expires_at   timestamp with time zone,
    CONSTRAINT media_files_pkey PRIMARY KEY (id)
);
CREATE UNIQUE INDEX idx_media_files_access_token ON media_files (access_token);
CREATE INDEX idx_media_files_expires_at ON media_files (expires_at);

CREATE TABLE msg_record_db_items (
    id                    bigserial NOT NULL,
    client_id             bigint    NOT NULL,
    "to"                  text,
    "from"                text,
    received_timestamp    timestamp with time zone,
    type                  text,
    carrier               text,
    internal              boolean,
    log_id                text,
    server_id             text,
    direction             text,
    from_client_type      text,
    to_client_type        text,
    delivery_method       text,
    source_ip             text,
    encoding              text,
    total_segments        bigint,
    original_bytes_length bigint,
    original_size_bytes   bigint,
    transcoded_size_bytes bigint,
    media_count           bigint,
    transcoding_performed boolean,
    CONSTRAINT msg_record_db_items_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_msg_record_db_items_client_id ON msg_record_db_items (client_id);

CREATE TABLE tenant_api_keys (
    id           bigserial NOT NULL,
    client_id    bigint    NOT NULL,
    name         text,
    key_hash     text,
    key_prefix   text,
    scopes       text,
    rate_limit   bigint,
    active       boolean DEFAULT true,
    expires_at   timestamp with time zone,
    last_used_at timestamp with time zone,
    created_at   timestamp with time zone,
    CONSTRAINT tenant_api_keys_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_tenant_api_keys_client_id ON tenant_api_keys (client_id);
CREATE UNIQUE INDEX idx_tenant_api_keys_key_hash ON tenant_api_keys (key_hash);

CREATE TABLE api_key_numbers (
    id         bigserial NOT NULL,
    api_key_id bigint    NOT NULL,
    number_id  bigint    NOT NULL,
    number     text,
    CONSTRAINT api_key_numbers_pkey PRIMARY KEY (id),
    CONSTRAINT fk_tenant_api_keys_allowed_numbers FOREIGN KEY (api_key_id) REFERENCES tenant_api_keys (id)
);
CREATE INDEX idx_api_key_numbers_api_key_id ON api_key_numbers (api_key_id);
CREATE INDEX idx_api_key_numbers_number_id ON api_key_numbers (number_id);

CREATE TABLE batch_jobs (
    id             text      NOT NULL,
    client_id      bigint    NOT NULL,
    api_key_id     bigint,
    status         text DEFAULT 'pending',
    total_count    bigint,
    sent_count     bigint,
    failed_count   bigint,
    queued_count   bigint,
    from_number    text,
    errors         text,
    webhook_url    text,
    throttle_rps   bigint,
    max_retry_mins bigint,
    created_at     timestamp with time zone,
    updated_at     timestamp with time zone,
    completed_at   timestamp with time zone,
    CONSTRAINT batch_jobs_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_batch_jobs_client_id ON batch_jobs (client_id);

CREATE TABLE batch_message_items (
    id           text      NOT NULL,
    batch_job_id text      NOT NULL,
    index        bigint,
    "to"         text,
    text         text,
    status       text DEFAULT 'pending',
    error        text,
    error_code   bigint,
    queued_at    timestamp with time zone,
    sent_at      timestamp with time zone,
    created_at   timestamp with time zone,
    CONSTRAINT batch_message_items_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_batch_message_items_batch_job_id ON batch_message_items (batch_job_id);
