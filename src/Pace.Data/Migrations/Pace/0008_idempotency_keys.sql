-- Idempotency-Key on creating POSTs (docs/api.md): one row per (caller, key), holding the hash of the first request
-- and, once it succeeded, its answer to replay to a retry. The primary key decides which of two concurrent requests
-- with one key runs. Rows live 24 hours; the cleanup deletes expired ones oldest first through the expires_at index.
-- (Numbered 0007 on its branch; renumbered to 0008 at merge, after the other 0007.)
CREATE TABLE idempotency_keys (
    caller character varying(200) NOT NULL,
    key character varying(255) NOT NULL,
    method character varying(10) NOT NULL,
    path character varying(2000) NOT NULL,
    request_hash bytea NOT NULL,
    status_code integer,
    content_type character varying(200),
    response_body bytea,
    location character varying(2000),
    entity_tag character varying(200),
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_idempotency_keys PRIMARY KEY (caller, key)
);

CREATE INDEX ix_idempotency_keys_expires_at ON idempotency_keys (expires_at);
