-- Identity and access: server-side browser sessions, machine clients (client credentials), personal API tokens,
-- the RS256 keys machine tokens are signed with (private halves encrypted), and the Data Protection key ring that
-- every replica shares. Started from ./pace model-sql pace and reviewed.

CREATE TABLE data_protection_keys (
    id integer GENERATED ALWAYS AS IDENTITY,
    friendly_name character varying(100),
    xml text NOT NULL,
    CONSTRAINT pk_data_protection_keys PRIMARY KEY (id)
);

CREATE TABLE signing_keys (
    id character varying(64) NOT NULL,
    algorithm character varying(16) NOT NULL,
    public_jwk jsonb NOT NULL,
    private_key_encrypted bytea NOT NULL,
    created_at timestamp with time zone NOT NULL,
    not_before timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_signing_keys PRIMARY KEY (id)
);

CREATE TABLE machine_clients (
    id uuid NOT NULL,
    client_id character varying(100) NOT NULL,
    name character varying(200) NOT NULL,
    secret_hash character varying(200) NOT NULL,
    scopes text[] NOT NULL,
    is_active boolean NOT NULL,
    created_by_id uuid,
    last_used_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_machine_clients PRIMARY KEY (id)
);

CREATE TABLE personal_tokens (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    prefix character varying(16) NOT NULL,
    token_hash character varying(200) NOT NULL,
    scopes text[] NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    last_used_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_personal_tokens PRIMARY KEY (id)
);

CREATE TABLE user_sessions (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    last_seen_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    ip_address character varying(45),
    user_agent character varying(500),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_user_sessions PRIMARY KEY (id),
    CONSTRAINT fk_user_sessions_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_machine_clients_created_by_id ON machine_clients (created_by_id);

CREATE UNIQUE INDEX ux_machine_clients_client_id ON machine_clients (client_id);

CREATE INDEX ix_personal_tokens_user_id ON personal_tokens (user_id);

CREATE UNIQUE INDEX ux_personal_tokens_prefix ON personal_tokens (prefix);

CREATE INDEX ix_signing_keys_expires_at ON signing_keys (expires_at);

CREATE INDEX ix_user_sessions_expires_at ON user_sessions (expires_at);

CREATE INDEX ix_user_sessions_live ON user_sessions (user_id) WHERE revoked_at IS NULL;

ALTER TABLE machine_clients ADD CONSTRAINT fk_machine_clients_created_by_id FOREIGN KEY (created_by_id) REFERENCES users (id) ON DELETE SET NULL;

ALTER TABLE personal_tokens ADD CONSTRAINT fk_personal_tokens_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
