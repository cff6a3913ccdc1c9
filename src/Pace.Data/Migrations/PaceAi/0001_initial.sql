-- AI DB, initial schema: conversations and messages, transcripts and segments, analyses, agent runs and steps,
-- embeddings (real[] with model and dimension). Started from ./pace model-sql pace_ai and reviewed.

CREATE TABLE analyses (
    id uuid NOT NULL,
    subject_type text NOT NULL,
    subject_id uuid NOT NULL,
    kind character varying(50) NOT NULL,
    model character varying(100) NOT NULL,
    result jsonb NOT NULL,
    input_tokens integer,
    output_tokens integer,
    duration_ms integer,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_analyses PRIMARY KEY (id),
    CONSTRAINT ck_analyses_subject_type CHECK (subject_type IN ('conversation', 'transcript', 'applicant', 'listing'))
);

CREATE TABLE conversations (
    id uuid NOT NULL,
    channel text NOT NULL,
    applicant_id uuid,
    user_id uuid,
    external_id character varying(200),
    subject character varying(500),
    started_at timestamp with time zone NOT NULL,
    last_message_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_conversations PRIMARY KEY (id),
    CONSTRAINT ck_conversations_channel CHECK (channel IN ('whatsapp', 'email', 'call', 'sms', 'chat'))
);

CREATE TABLE embeddings (
    id uuid NOT NULL,
    source_type character varying(50) NOT NULL,
    source_id uuid NOT NULL,
    chunk integer NOT NULL,
    model character varying(100) NOT NULL,
    dimensions integer NOT NULL,
    vector real[] NOT NULL,
    content_hash character varying(64) NOT NULL,
    content text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_embeddings PRIMARY KEY (id),
    CONSTRAINT ck_embeddings_dimensions CHECK (cardinality(vector) = dimensions)
);

CREATE TABLE agent_runs (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    conversation_id uuid,
    goal text NOT NULL,
    status text NOT NULL,
    model character varying(100) NOT NULL,
    answer text,
    error text,
    started_at timestamp with time zone NOT NULL,
    finished_at timestamp with time zone,
    input_tokens integer NOT NULL,
    output_tokens integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_agent_runs PRIMARY KEY (id),
    CONSTRAINT ck_agent_runs_status CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
    CONSTRAINT fk_agent_runs_conversation_id FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE SET NULL
);

CREATE TABLE messages (
    id uuid NOT NULL,
    conversation_id uuid NOT NULL,
    role text NOT NULL,
    author character varying(200),
    body text NOT NULL,
    sent_at timestamp with time zone NOT NULL,
    external_id character varying(200),
    metadata jsonb,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_messages PRIMARY KEY (id),
    CONSTRAINT ck_messages_role CHECK (role IN ('contact', 'agent', 'assistant', 'system', 'tool')),
    CONSTRAINT fk_messages_conversation_id FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE
);

CREATE TABLE transcripts (
    id uuid NOT NULL,
    activity_id uuid,
    conversation_id uuid,
    applicant_id uuid,
    user_id uuid,
    call_external_id character varying(200),
    recording_url character varying(2000),
    language character varying(16),
    duration_ms integer,
    status text NOT NULL,
    model character varying(100),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_transcripts PRIMARY KEY (id),
    CONSTRAINT ck_transcripts_status CHECK (status IN ('pending', 'completed', 'failed')),
    CONSTRAINT fk_transcripts_conversation_id FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE SET NULL
);

CREATE TABLE agent_steps (
    id bigint GENERATED ALWAYS AS IDENTITY,
    run_id uuid NOT NULL,
    sequence integer NOT NULL,
    kind text NOT NULL,
    tool_name character varying(100),
    input jsonb,
    output jsonb,
    error text,
    started_at timestamp with time zone NOT NULL,
    duration_ms integer NOT NULL,
    CONSTRAINT pk_agent_steps PRIMARY KEY (id),
    CONSTRAINT ck_agent_steps_kind CHECK (kind IN ('model_call', 'tool_call', 'message')),
    CONSTRAINT fk_agent_steps_run_id FOREIGN KEY (run_id) REFERENCES agent_runs (id) ON DELETE CASCADE
);

CREATE TABLE transcript_segments (
    id bigint GENERATED ALWAYS AS IDENTITY,
    transcript_id uuid NOT NULL,
    sequence integer NOT NULL,
    speaker character varying(50) NOT NULL,
    start_ms integer NOT NULL,
    end_ms integer NOT NULL,
    text text NOT NULL,
    confidence real,
    CONSTRAINT pk_transcript_segments PRIMARY KEY (id),
    CONSTRAINT ck_transcript_segments_period CHECK (end_ms >= start_ms),
    CONSTRAINT fk_transcript_segments_transcript_id FOREIGN KEY (transcript_id) REFERENCES transcripts (id) ON DELETE CASCADE
);

CREATE INDEX ix_agent_runs_conversation_id ON agent_runs (conversation_id);

CREATE INDEX ix_agent_runs_running ON agent_runs (started_at) WHERE status = 'running';

CREATE INDEX ix_agent_runs_user_id_started_at ON agent_runs (user_id, started_at DESC);

CREATE UNIQUE INDEX ux_agent_steps_run_id_sequence ON agent_steps (run_id, sequence);

CREATE INDEX ix_analyses_subject_type_subject_id_kind_created_at ON analyses (subject_type, subject_id, kind, created_at DESC);

CREATE INDEX ix_conversations_applicant_id_last_message_at ON conversations (applicant_id, last_message_at DESC);

CREATE INDEX ix_conversations_user_id_last_message_at ON conversations (user_id, last_message_at DESC);

CREATE UNIQUE INDEX ux_conversations_channel_external_id ON conversations (channel, external_id) WHERE external_id IS NOT NULL;

CREATE INDEX ix_embeddings_model_source_type ON embeddings (model, source_type);

CREATE UNIQUE INDEX ux_embeddings_source_type_source_id_model_chunk ON embeddings (source_type, source_id, model, chunk);

CREATE INDEX ix_messages_conversation_id_sent_at ON messages (conversation_id, sent_at);

CREATE UNIQUE INDEX ux_messages_conversation_id_external_id ON messages (conversation_id, external_id) WHERE external_id IS NOT NULL;

CREATE UNIQUE INDEX ux_transcript_segments_transcript_id_sequence ON transcript_segments (transcript_id, sequence);

CREATE INDEX ix_transcripts_activity_id ON transcripts (activity_id);

CREATE INDEX ix_transcripts_applicant_id ON transcripts (applicant_id);

CREATE INDEX ix_transcripts_conversation_id ON transcripts (conversation_id);

CREATE UNIQUE INDEX ux_transcripts_call_external_id ON transcripts (call_external_id) WHERE call_external_id IS NOT NULL;

