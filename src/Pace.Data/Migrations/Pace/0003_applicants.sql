-- Lead assignment rules: how each team takes the new leads that arrive without an agent.

CREATE TABLE assignment_rules (
    id uuid NOT NULL,
    team_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    priority integer NOT NULL,
    strategy text NOT NULL,
    purpose text,
    price_min bigint,
    price_max bigint,
    location_ids uuid[] NOT NULL,
    agent_ids uuid[] NOT NULL,
    is_active boolean NOT NULL,
    last_assigned_user_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_assignment_rules PRIMARY KEY (id),
    CONSTRAINT ck_assignment_rules_price_band CHECK (price_min IS NULL OR price_max IS NULL OR price_min <= price_max),
    CONSTRAINT ck_assignment_rules_purpose CHECK (purpose IN ('sale', 'rent')),
    CONSTRAINT ck_assignment_rules_strategy CHECK (strategy IN ('round_robin', 'least_busy')),
    CONSTRAINT fk_assignment_rules_last_assigned_user_id FOREIGN KEY (last_assigned_user_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT fk_assignment_rules_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
);

CREATE INDEX ix_assignment_rules_last_assigned_user_id ON assignment_rules (last_assigned_user_id);

-- Routing reads the active rules in priority order.
CREATE INDEX ix_assignment_rules_priority_id ON assignment_rules (priority, id) WHERE is_active;

CREATE INDEX ix_assignment_rules_team_id ON assignment_rules (team_id);
