-- Viewings, offers and deals, timeline and tasks: booking notes, the reasons an offer or deal ended, one deal in
-- progress per listing, the commission split of a completed deal, task reminders and the notifications they make.
-- Started from ./pace model-sql pace and reviewed.
--
-- Double booking of an agent is prevented by the API under a per-agent advisory lock, not by an exclusion
-- constraint: the EF model cannot express one, and the schema test holds the migrated database equal to the model.

ALTER TABLE viewings ADD COLUMN notes character varying(2000);

ALTER TABLE offers ADD COLUMN decision_reason character varying(500);

ALTER TABLE deals ADD COLUMN fall_through_reason character varying(500);

CREATE UNIQUE INDEX ux_deals_listing_in_progress ON deals (listing_id) WHERE status = 'in_progress';

CREATE TABLE deal_commission_splits (
    id uuid NOT NULL,
    deal_id uuid NOT NULL,
    agent_id uuid NOT NULL,
    percent numeric(5,2),
    amount_minor bigint NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_deal_commission_splits PRIMARY KEY (id),
    CONSTRAINT ck_deal_commission_splits_amount CHECK (amount_minor >= 0),
    CONSTRAINT ck_deal_commission_splits_percent CHECK (percent > 0 AND percent <= 100),
    CONSTRAINT fk_deal_commission_splits_agent_id FOREIGN KEY (agent_id) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT fk_deal_commission_splits_deal_id FOREIGN KEY (deal_id) REFERENCES deals (id) ON DELETE CASCADE
);

CREATE INDEX ix_deal_commission_splits_agent_id ON deal_commission_splits (agent_id);

CREATE UNIQUE INDEX ux_deal_commission_splits_deal_id_agent_id ON deal_commission_splits (deal_id, agent_id);

-- Tasks: a task's user_id is its assignee. Lists are keyset-paginated on (due_at, id), so the open-task index
-- carries the id; every task of a person (open or done) has its own index, and the reminder job reads only the
-- reminders still to send.
ALTER TABLE activities ADD COLUMN remind_at timestamp with time zone;

ALTER TABLE activities ADD COLUMN reminded_at timestamp with time zone;

DROP INDEX ix_activities_open_tasks;

CREATE INDEX ix_activities_open_tasks ON activities (user_id, due_at, id) WHERE kind = 'task' AND completed_at IS NULL;

CREATE INDEX ix_activities_tasks ON activities (user_id, due_at, id) WHERE kind = 'task';

CREATE INDEX ix_activities_pending_reminders ON activities (remind_at) WHERE kind = 'task' AND completed_at IS NULL AND reminded_at IS NULL AND remind_at IS NOT NULL;

CREATE TABLE notifications (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    kind text NOT NULL,
    title character varying(500) NOT NULL,
    body character varying(2000),
    link character varying(500),
    activity_id uuid,
    read_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_notifications PRIMARY KEY (id),
    CONSTRAINT ck_notifications_kind CHECK (kind IN ('task_reminder')),
    CONSTRAINT fk_notifications_activity_id FOREIGN KEY (activity_id) REFERENCES activities (id) ON DELETE CASCADE,
    CONSTRAINT fk_notifications_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_notifications_activity_id ON notifications (activity_id);

CREATE INDEX ix_notifications_unread ON notifications (user_id, created_at DESC, id DESC) WHERE read_at IS NULL;

CREATE INDEX ix_notifications_user_id_created_at_id ON notifications (user_id, created_at DESC, id DESC);
