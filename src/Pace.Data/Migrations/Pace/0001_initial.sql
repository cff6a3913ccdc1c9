-- Pace DB, initial schema: identity, locations, reference data, applicants, listings, viewings, activities,
-- offers and deals, settings, audit log, outbox, webhook inbox. Started from ./pace model-sql pace and reviewed.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamp with time zone NOT NULL,
    actor_user_id uuid,
    actor_client character varying(100),
    action character varying(100) NOT NULL,
    entity_type character varying(50),
    entity_id uuid,
    data jsonb,
    ip_address character varying(45),
    trace_id character varying(32),
    CONSTRAINT pk_audit_log PRIMARY KEY (id)
);

CREATE TABLE inbound_webhooks (
    id bigint GENERATED ALWAYS AS IDENTITY,
    source character varying(50) NOT NULL,
    external_id character varying(200) NOT NULL,
    event_type character varying(100),
    received_at timestamp with time zone NOT NULL,
    headers jsonb,
    body text NOT NULL,
    status text NOT NULL,
    attempts integer NOT NULL,
    processed_at timestamp with time zone,
    error character varying(4000),
    CONSTRAINT pk_inbound_webhooks PRIMARY KEY (id),
    CONSTRAINT ck_inbound_webhooks_status CHECK (status IN ('received', 'processed', 'failed', 'ignored'))
);

CREATE TABLE locations (
    id uuid NOT NULL,
    parent_id uuid,
    level text NOT NULL,
    name character varying(200) NOT NULL,
    name_ar character varying(200),
    path character varying(500) NOT NULL,
    property_finder_id integer,
    latitude double precision,
    longitude double precision,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_locations PRIMARY KEY (id),
    CONSTRAINT ck_locations_level CHECK (level IN ('emirate', 'community', 'sub_community', 'building')),
    CONSTRAINT fk_locations_parent_id FOREIGN KEY (parent_id) REFERENCES locations (id) ON DELETE RESTRICT
);

CREATE TABLE outbox_messages (
    id bigint GENERATED ALWAYS AS IDENTITY,
    topic character varying(100) NOT NULL,
    idempotency_key character varying(200),
    payload jsonb NOT NULL,
    status text NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    locked_by character varying(100),
    locked_until timestamp with time zone,
    last_error character varying(4000),
    created_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    CONSTRAINT pk_outbox_messages PRIMARY KEY (id),
    CONSTRAINT ck_outbox_messages_status CHECK (status IN ('pending', 'processing', 'sent', 'failed'))
);

CREATE TABLE reference_values (
    id uuid NOT NULL,
    kind text NOT NULL,
    code character varying(64) NOT NULL,
    label character varying(200) NOT NULL,
    label_ar character varying(200),
    sort_order integer NOT NULL,
    is_active boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_reference_values PRIMARY KEY (id),
    CONSTRAINT ck_reference_values_kind CHECK (kind IN ('property_type', 'amenity', 'lost_reason', 'language', 'nationality'))
);

CREATE TABLE activities (
    id uuid NOT NULL,
    kind text NOT NULL,
    applicant_id uuid,
    listing_id uuid,
    viewing_id uuid,
    offer_id uuid,
    user_id uuid,
    occurred_at timestamp with time zone NOT NULL,
    direction text,
    subject character varying(500),
    body text,
    data jsonb,
    due_at timestamp with time zone,
    completed_at timestamp with time zone,
    external_id character varying(128),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_activities PRIMARY KEY (id),
    CONSTRAINT ck_activities_direction CHECK (direction IN ('inbound', 'outbound')),
    CONSTRAINT ck_activities_kind CHECK (kind IN ('note', 'call', 'email', 'whatsapp', 'sms', 'viewing', 'stage_change', 'task', 'offer', 'assignment', 'system'))
);

CREATE TABLE applicant_emails (
    id uuid NOT NULL,
    applicant_id uuid NOT NULL,
    address character varying(320) NOT NULL,
    is_primary boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_applicant_emails PRIMARY KEY (id),
    CONSTRAINT ck_applicant_emails_lower CHECK (address = lower(address))
);

CREATE TABLE applicant_phones (
    id uuid NOT NULL,
    applicant_id uuid NOT NULL,
    number character varying(16) NOT NULL,
    label character varying(32),
    is_primary boolean NOT NULL,
    is_whatsapp boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_applicant_phones PRIMARY KEY (id),
    CONSTRAINT ck_applicant_phones_e164 CHECK (number ~ '^\+[1-9][0-9]{7,14}$')
);

CREATE TABLE applicants (
    id uuid NOT NULL,
    kind text NOT NULL,
    first_name character varying(100) NOT NULL,
    last_name character varying(100),
    full_name character varying(201) GENERATED ALWAYS AS (btrim(first_name || ' ' || coalesce(last_name, ''))) STORED NOT NULL,
    language character varying(8),
    nationality character varying(2),
    source text NOT NULL,
    source_detail character varying(200),
    stage text NOT NULL,
    stage_changed_at timestamp with time zone NOT NULL,
    lost_reason character varying(64),
    assigned_agent_id uuid,
    assigned_at timestamp with time zone,
    first_contacted_at timestamp with time zone,
    last_activity_at timestamp with time zone,
    tags text[] NOT NULL,
    notes text,
    external_id character varying(64),
    merged_into_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_applicants PRIMARY KEY (id),
    CONSTRAINT ck_applicants_kind CHECK (kind IN ('applicant', 'owner')),
    CONSTRAINT ck_applicants_lost_reason CHECK ((stage = 'lost') = (lost_reason IS NOT NULL)),
    CONSTRAINT ck_applicants_source CHECK (source IN ('property_finder', 'bayut', 'dubizzle', 'website', 'referral', 'walk_in', 'call', 'whatsapp', 'email', 'social_media', 'salesforce', 'other')),
    CONSTRAINT ck_applicants_stage CHECK (stage IN ('new', 'contacted', 'qualified', 'viewing', 'offer', 'won', 'lost')),
    CONSTRAINT fk_applicants_merged_into_id FOREIGN KEY (merged_into_id) REFERENCES applicants (id) ON DELETE RESTRICT
);

CREATE TABLE requirements (
    id uuid NOT NULL,
    applicant_id uuid NOT NULL,
    purpose text NOT NULL,
    category text NOT NULL,
    property_types text[] NOT NULL,
    location_ids uuid[] NOT NULL,
    bedrooms_min smallint,
    bedrooms_max smallint,
    bathrooms_min smallint,
    budget_min bigint,
    budget_max bigint,
    currency character(3) NOT NULL,
    size_min_sqft numeric(12,2),
    size_max_sqft numeric(12,2),
    move_in_by date,
    furnishing text,
    completion_status text,
    is_active boolean NOT NULL,
    notes text,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_requirements PRIMARY KEY (id),
    CONSTRAINT ck_requirements_bedrooms_range CHECK (bedrooms_min IS NULL OR bedrooms_max IS NULL OR bedrooms_min <= bedrooms_max),
    CONSTRAINT ck_requirements_budget_range CHECK (budget_min IS NULL OR budget_max IS NULL OR budget_min <= budget_max),
    CONSTRAINT ck_requirements_category CHECK (category IN ('residential', 'commercial')),
    CONSTRAINT ck_requirements_completion_status CHECK (completion_status IN ('completed', 'off_plan', 'completed_primary', 'off_plan_primary')),
    CONSTRAINT ck_requirements_furnishing CHECK (furnishing IN ('unfurnished', 'semi_furnished', 'furnished')),
    CONSTRAINT ck_requirements_purpose CHECK (purpose IN ('sale', 'rent')),
    CONSTRAINT ck_requirements_size_range CHECK (size_min_sqft IS NULL OR size_max_sqft IS NULL OR size_min_sqft <= size_max_sqft),
    CONSTRAINT fk_requirements_applicant_id FOREIGN KEY (applicant_id) REFERENCES applicants (id) ON DELETE CASCADE
);

CREATE TABLE consents (
    applicant_id uuid NOT NULL,
    channel text NOT NULL,
    granted boolean NOT NULL,
    source character varying(64),
    recorded_at timestamp with time zone NOT NULL,
    recorded_by_id uuid,
    CONSTRAINT pk_consents PRIMARY KEY (applicant_id, channel),
    CONSTRAINT ck_consents_channel CHECK (channel IN ('email', 'phone', 'sms', 'whatsapp')),
    CONSTRAINT fk_consents_applicant_id FOREIGN KEY (applicant_id) REFERENCES applicants (id) ON DELETE CASCADE
);

CREATE TABLE deals (
    id uuid NOT NULL,
    offer_id uuid NOT NULL,
    listing_id uuid NOT NULL,
    applicant_id uuid NOT NULL,
    agent_id uuid NOT NULL,
    price_minor bigint NOT NULL,
    commission_minor bigint NOT NULL,
    currency character(3) NOT NULL,
    status text NOT NULL,
    expected_close_on date,
    closed_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_deals PRIMARY KEY (id),
    CONSTRAINT ck_deals_status CHECK (status IN ('in_progress', 'completed', 'fallen_through')),
    CONSTRAINT fk_deals_applicant_id FOREIGN KEY (applicant_id) REFERENCES applicants (id) ON DELETE RESTRICT
);

CREATE TABLE listing_approvals (
    id uuid NOT NULL,
    listing_id uuid NOT NULL,
    kind text NOT NULL,
    requested_by_id uuid NOT NULL,
    requested_at timestamp with time zone NOT NULL,
    previous_price_minor bigint,
    requested_price_minor bigint,
    decision text NOT NULL,
    decided_by_id uuid,
    decided_at timestamp with time zone,
    reason character varying(1000),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_listing_approvals PRIMARY KEY (id),
    CONSTRAINT ck_listing_approvals_decision CHECK (decision IN ('pending', 'approved', 'rejected')),
    CONSTRAINT ck_listing_approvals_kind CHECK (kind IN ('go_live', 'price_change'))
);

CREATE TABLE listing_media (
    id uuid NOT NULL,
    listing_id uuid NOT NULL,
    kind text NOT NULL,
    sort_order integer NOT NULL,
    storage_key character varying(300),
    url character varying(2000),
    content_type character varying(100),
    width integer,
    height integer,
    size_bytes bigint,
    caption character varying(300),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_listing_media PRIMARY KEY (id),
    CONSTRAINT ck_listing_media_kind CHECK (kind IN ('image', 'floor_plan', 'video', 'tour360')),
    CONSTRAINT ck_listing_media_source CHECK (storage_key IS NOT NULL OR url IS NOT NULL)
);

CREATE TABLE listing_portals (
    listing_id uuid NOT NULL,
    portal text NOT NULL,
    external_id character varying(64),
    state text NOT NULL,
    published_at timestamp with time zone,
    last_synced_at timestamp with time zone,
    last_error character varying(2000),
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_listing_portals PRIMARY KEY (listing_id, portal),
    CONSTRAINT ck_listing_portals_portal CHECK (portal IN ('property_finder', 'bayut', 'website')),
    CONSTRAINT ck_listing_portals_state CHECK (state IN ('pending', 'publishing', 'live', 'failed', 'unpublishing', 'unpublished'))
);

CREATE TABLE listings (
    id uuid NOT NULL,
    reference character varying(32) NOT NULL,
    purpose text NOT NULL,
    category text NOT NULL,
    property_type character varying(64) NOT NULL,
    status text NOT NULL,
    status_changed_at timestamp with time zone NOT NULL,
    price_minor bigint NOT NULL,
    currency character(3) NOT NULL,
    rent_frequency text,
    price_on_application boolean NOT NULL,
    cheques smallint,
    service_charge_minor bigint,
    bedrooms smallint,
    bathrooms smallint,
    size_sqft numeric(12,2) NOT NULL,
    plot_size_sqft numeric(12,2),
    location_id uuid NOT NULL,
    unit_number character varying(32),
    floor_number character varying(16),
    parking_spaces smallint,
    furnishing text NOT NULL,
    completion_status text NOT NULL,
    handover_on date,
    available_from date,
    developer character varying(200),
    project_name character varying(200),
    amenities text[] NOT NULL,
    title_en character varying(200) NOT NULL,
    title_ar character varying(200),
    description_en text NOT NULL,
    description_ar text,
    permit_type text,
    permit_number character varying(64),
    permit_issued_on date,
    permit_expires_on date,
    permit_price_minor bigint,
    permit_size_sqft numeric(12,2),
    permit_verified_at timestamp with time zone,
    mandate_type text,
    mandate_expires_on date,
    owner_id uuid,
    listing_agent_id uuid NOT NULL,
    published_at timestamp with time zone,
    external_id character varying(64),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_listings PRIMARY KEY (id),
    CONSTRAINT ck_listings_category CHECK (category IN ('residential', 'commercial')),
    CONSTRAINT ck_listings_completion_status CHECK (completion_status IN ('completed', 'off_plan', 'completed_primary', 'off_plan_primary')),
    CONSTRAINT ck_listings_furnishing CHECK (furnishing IN ('unfurnished', 'semi_furnished', 'furnished')),
    CONSTRAINT ck_listings_mandate_type CHECK (mandate_type IN ('exclusive', 'non_exclusive')),
    CONSTRAINT ck_listings_permit_type CHECK (permit_type IN ('rera', 'dtcm', 'adrec')),
    CONSTRAINT ck_listings_price CHECK (price_minor >= 0),
    CONSTRAINT ck_listings_purpose CHECK (purpose IN ('sale', 'rent')),
    CONSTRAINT ck_listings_rent_frequency CHECK (rent_frequency IN ('yearly', 'monthly', 'weekly', 'daily')),
    CONSTRAINT ck_listings_rent_frequency_for_rent CHECK ((purpose = 'rent') = (rent_frequency IS NOT NULL)),
    CONSTRAINT ck_listings_size CHECK (size_sqft > 0),
    CONSTRAINT ck_listings_status CHECK (status IN ('draft', 'pending_approval', 'live', 'under_offer', 'sold', 'rented', 'withdrawn', 'expired')),
    CONSTRAINT fk_listings_location_id FOREIGN KEY (location_id) REFERENCES locations (id) ON DELETE RESTRICT,
    CONSTRAINT fk_listings_owner_id FOREIGN KEY (owner_id) REFERENCES applicants (id) ON DELETE RESTRICT
);

CREATE TABLE offers (
    id uuid NOT NULL,
    listing_id uuid NOT NULL,
    applicant_id uuid NOT NULL,
    agent_id uuid NOT NULL,
    amount_minor bigint NOT NULL,
    currency character(3) NOT NULL,
    status text NOT NULL,
    conditions character varying(4000),
    expires_at timestamp with time zone,
    decided_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_offers PRIMARY KEY (id),
    CONSTRAINT ck_offers_amount CHECK (amount_minor > 0),
    CONSTRAINT ck_offers_status CHECK (status IN ('submitted', 'countered', 'accepted', 'rejected', 'withdrawn')),
    CONSTRAINT fk_offers_applicant_id FOREIGN KEY (applicant_id) REFERENCES applicants (id) ON DELETE RESTRICT,
    CONSTRAINT fk_offers_listing_id FOREIGN KEY (listing_id) REFERENCES listings (id) ON DELETE RESTRICT
);

CREATE TABLE settings (
    key character varying(100) NOT NULL,
    value jsonb NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    updated_by_id uuid,
    CONSTRAINT pk_settings PRIMARY KEY (key)
);

CREATE TABLE teams (
    id uuid NOT NULL,
    name character varying(100) NOT NULL,
    manager_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_teams PRIMARY KEY (id)
);

CREATE TABLE users (
    id uuid NOT NULL,
    email character varying(320) NOT NULL,
    display_name character varying(200) NOT NULL,
    role text NOT NULL,
    team_id uuid,
    phone character varying(16),
    broker_registration_number character varying(32),
    broker_registration_expires_on date,
    photo_url text,
    google_subject character varying(255),
    is_active boolean NOT NULL,
    deactivated_at timestamp with time zone,
    last_sign_in_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT ck_users_email_lower CHECK (email = lower(email)),
    CONSTRAINT ck_users_phone_e164 CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
    CONSTRAINT ck_users_role CHECK (role IN ('agent', 'manager', 'admin')),
    CONSTRAINT fk_users_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE SET NULL
);

CREATE TABLE viewings (
    id uuid NOT NULL,
    listing_id uuid NOT NULL,
    applicant_id uuid NOT NULL,
    agent_id uuid NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    status text NOT NULL,
    feedback character varying(4000),
    rating smallint,
    cancel_reason character varying(500),
    calendar_event_id character varying(1024),
    created_by_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_viewings PRIMARY KEY (id),
    CONSTRAINT ck_viewings_period CHECK (ends_at > starts_at),
    CONSTRAINT ck_viewings_rating CHECK (rating BETWEEN 1 AND 5),
    CONSTRAINT ck_viewings_rating_when_completed CHECK (rating IS NULL OR status = 'completed'),
    CONSTRAINT ck_viewings_status CHECK (status IN ('scheduled', 'confirmed', 'completed', 'cancelled', 'no_show')),
    CONSTRAINT fk_viewings_agent_id FOREIGN KEY (agent_id) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT fk_viewings_applicant_id FOREIGN KEY (applicant_id) REFERENCES applicants (id) ON DELETE RESTRICT,
    CONSTRAINT fk_viewings_created_by_id FOREIGN KEY (created_by_id) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT fk_viewings_listing_id FOREIGN KEY (listing_id) REFERENCES listings (id) ON DELETE RESTRICT
);

CREATE INDEX ix_activities_applicant_id_occurred_at_id ON activities (applicant_id, occurred_at DESC, id DESC);

CREATE INDEX ix_activities_listing_id_occurred_at_id ON activities (listing_id, occurred_at DESC, id DESC) WHERE listing_id IS NOT NULL;

CREATE INDEX ix_activities_offer_id ON activities (offer_id);

CREATE INDEX ix_activities_open_tasks ON activities (user_id, due_at) WHERE kind = 'task' AND completed_at IS NULL;

CREATE INDEX ix_activities_user_id_occurred_at ON activities (user_id, occurred_at DESC);

CREATE INDEX ix_activities_viewing_id ON activities (viewing_id);

CREATE UNIQUE INDEX ux_activities_kind_external_id ON activities (kind, external_id) WHERE external_id IS NOT NULL;

CREATE INDEX ix_applicant_emails_address ON applicant_emails (address);

CREATE UNIQUE INDEX ux_applicant_emails_applicant_id_address ON applicant_emails (applicant_id, address);

CREATE INDEX ix_applicant_phones_number ON applicant_phones (number);

CREATE UNIQUE INDEX ux_applicant_phones_applicant_id_number ON applicant_phones (applicant_id, number);

CREATE INDEX ix_applicants_assigned_agent_id_created_at_id ON applicants (assigned_agent_id, created_at DESC, id DESC);

CREATE INDEX ix_applicants_assigned_agent_id_stage ON applicants (assigned_agent_id, stage);

CREATE INDEX ix_applicants_created_at_id ON applicants (created_at DESC, id DESC);

CREATE INDEX ix_applicants_full_name ON applicants USING gin (full_name gin_trgm_ops);

CREATE INDEX ix_applicants_merged_into_id ON applicants (merged_into_id) WHERE merged_into_id IS NOT NULL;

CREATE INDEX ix_applicants_stage_stage_changed_at ON applicants (stage, stage_changed_at);

CREATE INDEX ix_applicants_tags ON applicants USING gin (tags);

CREATE UNIQUE INDEX ux_applicants_external_id ON applicants (external_id) WHERE external_id IS NOT NULL;

CREATE INDEX ix_audit_log_action_occurred_at ON audit_log (action, occurred_at);

CREATE INDEX ix_audit_log_actor_user_id_occurred_at ON audit_log (actor_user_id, occurred_at);

CREATE INDEX ix_audit_log_entity_type_entity_id_occurred_at ON audit_log (entity_type, entity_id, occurred_at);

CREATE INDEX ix_audit_log_occurred_at ON audit_log (occurred_at);

CREATE INDEX ix_consents_recorded_by_id ON consents (recorded_by_id);

CREATE INDEX ix_deals_agent_id_status ON deals (agent_id, status);

CREATE INDEX ix_deals_applicant_id ON deals (applicant_id);

CREATE INDEX ix_deals_listing_id ON deals (listing_id);

CREATE UNIQUE INDEX ux_deals_offer_id ON deals (offer_id);

CREATE INDEX ix_inbound_webhooks_unprocessed ON inbound_webhooks (received_at) WHERE status IN ('received', 'failed');

CREATE UNIQUE INDEX ux_inbound_webhooks_source_external_id ON inbound_webhooks (source, external_id);

CREATE INDEX ix_listing_approvals_decided_by_id ON listing_approvals (decided_by_id);

CREATE INDEX ix_listing_approvals_listing_id_requested_at ON listing_approvals (listing_id, requested_at);

CREATE INDEX ix_listing_approvals_pending ON listing_approvals (requested_at) WHERE decision = 'pending';

CREATE INDEX ix_listing_approvals_requested_by_id ON listing_approvals (requested_by_id);

CREATE INDEX ix_listing_media_listing_id_sort_order ON listing_media (listing_id, sort_order);

CREATE INDEX ix_listing_portals_portal_state ON listing_portals (portal, state);

CREATE UNIQUE INDEX ux_listing_portals_portal_external_id ON listing_portals (portal, external_id) WHERE external_id IS NOT NULL;

CREATE INDEX ix_listings_listing_agent_id_updated_at_id ON listings (listing_agent_id, updated_at DESC, id DESC);

CREATE INDEX ix_listings_location_id_status ON listings (location_id, status);

CREATE INDEX ix_listings_owner_id ON listings (owner_id);

CREATE INDEX ix_listings_permit_number ON listings (permit_number);

CREATE INDEX ix_listings_status_bedrooms ON listings (status, bedrooms);

CREATE INDEX ix_listings_status_purpose_price_minor_id ON listings (status, purpose, price_minor, id);

CREATE INDEX ix_listings_updated_at_id ON listings (updated_at, id);

CREATE UNIQUE INDEX ux_listings_external_id ON listings (external_id) WHERE external_id IS NOT NULL;

CREATE UNIQUE INDEX ux_listings_reference ON listings (reference);

CREATE INDEX ix_locations_name ON locations USING gin (name gin_trgm_ops);

CREATE INDEX ix_locations_parent_id ON locations (parent_id);

CREATE UNIQUE INDEX ux_locations_path ON locations (path text_pattern_ops);

CREATE UNIQUE INDEX ux_locations_property_finder_id ON locations (property_finder_id) WHERE property_finder_id IS NOT NULL;

CREATE INDEX ix_offers_agent_id_status ON offers (agent_id, status);

CREATE INDEX ix_offers_applicant_id_created_at ON offers (applicant_id, created_at);

CREATE INDEX ix_offers_listing_id_created_at ON offers (listing_id, created_at);

CREATE INDEX ix_outbox_messages_due ON outbox_messages (next_attempt_at) WHERE status IN ('pending', 'processing');

CREATE INDEX ix_outbox_messages_topic_created_at ON outbox_messages (topic, created_at);

CREATE UNIQUE INDEX ux_outbox_messages_idempotency_key ON outbox_messages (idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE UNIQUE INDEX ux_reference_values_kind_code ON reference_values (kind, code);

CREATE INDEX ix_requirements_applicant_id ON requirements (applicant_id);

CREATE INDEX ix_requirements_location_ids ON requirements USING gin (location_ids);

CREATE INDEX ix_requirements_purpose_category_budget_max ON requirements (purpose, category, budget_max) WHERE is_active;

CREATE INDEX ix_settings_updated_by_id ON settings (updated_by_id);

CREATE INDEX ix_teams_manager_id ON teams (manager_id);

CREATE UNIQUE INDEX ux_teams_name ON teams (name);

CREATE INDEX ix_users_display_name_id ON users (display_name, id);

CREATE INDEX ix_users_team_id ON users (team_id);

CREATE UNIQUE INDEX ux_users_email ON users (email);

CREATE UNIQUE INDEX ux_users_google_subject ON users (google_subject) WHERE google_subject IS NOT NULL;

CREATE INDEX ix_viewings_agent_id_starts_at ON viewings (agent_id, starts_at);

CREATE INDEX ix_viewings_applicant_id_starts_at ON viewings (applicant_id, starts_at);

CREATE INDEX ix_viewings_created_by_id ON viewings (created_by_id);

CREATE INDEX ix_viewings_listing_id_starts_at ON viewings (listing_id, starts_at);

ALTER TABLE activities ADD CONSTRAINT fk_activities_applicant_id FOREIGN KEY (applicant_id) REFERENCES applicants (id) ON DELETE RESTRICT;

ALTER TABLE activities ADD CONSTRAINT fk_activities_listing_id FOREIGN KEY (listing_id) REFERENCES listings (id) ON DELETE RESTRICT;

ALTER TABLE activities ADD CONSTRAINT fk_activities_offer_id FOREIGN KEY (offer_id) REFERENCES offers (id) ON DELETE SET NULL;

ALTER TABLE activities ADD CONSTRAINT fk_activities_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT;

ALTER TABLE activities ADD CONSTRAINT fk_activities_viewing_id FOREIGN KEY (viewing_id) REFERENCES viewings (id) ON DELETE SET NULL;

ALTER TABLE applicant_emails ADD CONSTRAINT fk_applicant_emails_applicant_id FOREIGN KEY (applicant_id) REFERENCES applicants (id) ON DELETE CASCADE;

ALTER TABLE applicant_phones ADD CONSTRAINT fk_applicant_phones_applicant_id FOREIGN KEY (applicant_id) REFERENCES applicants (id) ON DELETE CASCADE;

ALTER TABLE applicants ADD CONSTRAINT fk_applicants_assigned_agent_id FOREIGN KEY (assigned_agent_id) REFERENCES users (id) ON DELETE RESTRICT;

ALTER TABLE consents ADD CONSTRAINT fk_consents_recorded_by_id FOREIGN KEY (recorded_by_id) REFERENCES users (id) ON DELETE SET NULL;

ALTER TABLE deals ADD CONSTRAINT fk_deals_agent_id FOREIGN KEY (agent_id) REFERENCES users (id) ON DELETE RESTRICT;

ALTER TABLE deals ADD CONSTRAINT fk_deals_listing_id FOREIGN KEY (listing_id) REFERENCES listings (id) ON DELETE RESTRICT;

ALTER TABLE deals ADD CONSTRAINT fk_deals_offer_id FOREIGN KEY (offer_id) REFERENCES offers (id) ON DELETE RESTRICT;

ALTER TABLE listing_approvals ADD CONSTRAINT fk_listing_approvals_decided_by_id FOREIGN KEY (decided_by_id) REFERENCES users (id) ON DELETE RESTRICT;

ALTER TABLE listing_approvals ADD CONSTRAINT fk_listing_approvals_requested_by_id FOREIGN KEY (requested_by_id) REFERENCES users (id) ON DELETE RESTRICT;

ALTER TABLE listing_approvals ADD CONSTRAINT fk_listing_approvals_listing_id FOREIGN KEY (listing_id) REFERENCES listings (id) ON DELETE CASCADE;

ALTER TABLE listing_media ADD CONSTRAINT fk_listing_media_listing_id FOREIGN KEY (listing_id) REFERENCES listings (id) ON DELETE CASCADE;

ALTER TABLE listing_portals ADD CONSTRAINT fk_listing_portals_listing_id FOREIGN KEY (listing_id) REFERENCES listings (id) ON DELETE CASCADE;

ALTER TABLE listings ADD CONSTRAINT fk_listings_listing_agent_id FOREIGN KEY (listing_agent_id) REFERENCES users (id) ON DELETE RESTRICT;

ALTER TABLE offers ADD CONSTRAINT fk_offers_agent_id FOREIGN KEY (agent_id) REFERENCES users (id) ON DELETE RESTRICT;

ALTER TABLE settings ADD CONSTRAINT fk_settings_updated_by_id FOREIGN KEY (updated_by_id) REFERENCES users (id) ON DELETE SET NULL;

ALTER TABLE teams ADD CONSTRAINT fk_teams_manager_id FOREIGN KEY (manager_id) REFERENCES users (id) ON DELETE SET NULL;
