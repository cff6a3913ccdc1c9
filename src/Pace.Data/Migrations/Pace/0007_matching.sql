-- Matching, both ways (applicant → live listings, listing → applicants) and the "not interested" marks.
-- Started from ./pace model-sql pace and reviewed.
--
-- Applicant → listings needs nothing new: the requirement's places become the location ids of their subtrees
-- (ux_locations_path, a prefix scan) and the live listings are found by ix_listings_location_id_status; a
-- requirement naming no place reads the live inventory by bedrooms and price (ix_listings_inventory_beds).
--
-- Listing → applicants must hold at 1,000,000 applicants and ~1,500,000 requirements. A listing is wanted by the
-- active requirements of its purpose and category
--   * naming its place or a place above it, or no place. "location_ids && {ancestors} OR location_ids = '{}'" cannot
--     use an index (the OR reads every requirement), so a generated column holds the places named, or the nil uuid
--     for "anywhere", and the condition is one overlap, match_location_ids && {ancestors, nil}, on a GIN index that
--     replaces the one on location_ids (nothing else searched requirements by place);
--   * whose budget takes its price within the tolerance (MatchTolerance: up to 10% over the top, 20% under the
--     bottom): solved for the budget that is an overlap of the budget range with [price/1.1, price/0.8];
--   * whose bedroom range takes its bedrooms (at least the minimum, at most one over the maximum): an overlap of
--     the bedroom range with [beds − 1, beds].
-- A btree can serve one open-ended range, not "max ≥ x AND min ≤ y" with either end missing. So the two ranges are
-- stored as ranges (generated from the columns, an open end where none was given) and indexed together with the
-- purpose in one GiST index over the active requirements (btree_gist lets GiST hold the text column). PostgreSQL
-- then ANDs the GiST bitmap with the GIN bitmap of the places, and visits only requirements that pass both.
-- The old btree on (purpose, category, budget_max), meant for this, served no query and is dropped.
--
-- On a populated database the ALTER TABLE rewrites requirements once (about a minute at 1.5M rows, under lock);
-- run it in a quiet hour.
CREATE EXTENSION IF NOT EXISTS btree_gist;

DROP INDEX ix_requirements_purpose_category_budget_max;

DROP INDEX ix_requirements_location_ids;

ALTER TABLE requirements ADD COLUMN match_location_ids uuid[] GENERATED ALWAYS AS (CASE WHEN cardinality(location_ids) = 0 THEN ARRAY['00000000-0000-0000-0000-000000000000'::uuid] ELSE location_ids END) STORED;

CREATE INDEX ix_requirements_match_location_ids ON requirements USING gin (match_location_ids);

ALTER TABLE requirements ADD COLUMN budget_band int8range GENERATED ALWAYS AS (int8range(budget_min, budget_max, '[]')) STORED;

ALTER TABLE requirements ADD COLUMN bedrooms_band int4range GENERATED ALWAYS AS (int4range(bedrooms_min, bedrooms_max, '[]')) STORED;

CREATE INDEX ix_requirements_match ON requirements USING gist (purpose, budget_band, bedrooms_band) WHERE is_active;

-- An applicant is not interested in a listing: it leaves their matches. Both directions probe it per candidate by
-- (applicant_id, listing_id).
CREATE TABLE not_interested_marks (
    id uuid NOT NULL,
    applicant_id uuid NOT NULL,
    listing_id uuid NOT NULL,
    reason character varying(500),
    marked_by_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_not_interested_marks PRIMARY KEY (id),
    CONSTRAINT fk_not_interested_marks_applicant_id FOREIGN KEY (applicant_id) REFERENCES applicants (id) ON DELETE CASCADE,
    CONSTRAINT fk_not_interested_marks_listing_id FOREIGN KEY (listing_id) REFERENCES listings (id) ON DELETE CASCADE,
    CONSTRAINT fk_not_interested_marks_marked_by_id FOREIGN KEY (marked_by_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE UNIQUE INDEX ux_not_interested_marks_applicant_id_listing_id ON not_interested_marks (applicant_id, listing_id);

CREATE INDEX ix_not_interested_marks_listing_id ON not_interested_marks (listing_id);

CREATE INDEX ix_not_interested_marks_marked_by_id ON not_interested_marks (marked_by_id);
