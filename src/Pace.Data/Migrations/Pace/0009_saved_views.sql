-- Saved views: a person's named filters of a list page ("Hot JVC buyers" on the applicants list), private to them.
-- Names are unique per person and page whatever their case, through name_key (the name lower-cased); the same
-- unique index lists a person's views of a page in name order. At most 50 per person and page (checked by pace-web).
CREATE TABLE saved_views (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    page character varying(50) NOT NULL,
    name character varying(100) NOT NULL,
    name_key character varying(100) NOT NULL,
    query character varying(2000) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_saved_views PRIMARY KEY (id),
    CONSTRAINT ck_saved_views_name_key CHECK (name_key = lower(name)),
    CONSTRAINT fk_saved_views_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ux_saved_views_user_id_page_name_key ON saved_views (user_id, page, name_key);

