-- Listings: the reference sequence, approvals that can be cancelled, and the indexes of the listing search.
-- Started from ./pace model-sql pace and reviewed.

-- References (AA-S-10234, AA-R-10235) are numbered by one sequence for both purposes. Databases seeded before this
-- migration already hold the demo references: the sequence starts after the highest of them (the demo seeder does
-- the same after it copies listings, with the same statement, see ListingReferences.AdvancePastExistingAsync).
CREATE SEQUENCE listing_reference_seq START WITH 10234;

SELECT setval('listing_reference_seq', top.number)
FROM (SELECT max(substring(reference FROM '^AA-[SR]-([0-9]{1,18})$')::bigint) AS number FROM listings) AS top
WHERE top.number >= (SELECT last_value FROM listing_reference_seq);

-- A pending approval is cancelled when its listing is withdrawn or a newer price change replaces it.
ALTER TABLE listing_approvals DROP CONSTRAINT ck_listing_approvals_decision;
ALTER TABLE listing_approvals ADD CONSTRAINT ck_listing_approvals_decision CHECK (decision IN ('pending', 'approved', 'rejected', 'cancelled'));

-- Indexes of GET /api/v1/listings, sized for 100,000 listings of which about 20,000 live (26,000 with those under
-- offer). What 0001 already has and keeps serving: (status, purpose, price_minor, id) for one status by price,
-- (location_id, status) for a location subtree (the subtree's location ids are found first through ux_locations_path,
-- a text_pattern_ops prefix scan, then listings by location_id = ANY(ids)), (listing_agent_id, updated_at, id) for
-- one agent's listings, (status, bedrooms).
--
-- The search's default is the inventory (live and under offer). PostgreSQL 15 cannot read two values of a leading
-- status column as one ordered stream, so an index on (status, ...) does not give "newest first" over both statuses
-- without sorting them all. Partial indexes over just the inventory do: each holds ~26,000 rows instead of 100,000,
-- and the search states the predicate with constants (status IN ('live', 'under_offer')) so the planner can use them.
-- Each sort walks its index in order and stops after a page; keyset cursors start exactly at the last row.
--   newest (default): created_at DESC, id DESC.
CREATE INDEX ix_listings_inventory_newest ON listings (created_at DESC, id DESC) WHERE status IN ('live', 'under_offer');
--   price_asc / price_desc: purpose first, because a price sort needs a purpose (a sale price and a rent do not
--   compare, the API asks for one); then price, id, read forwards or backwards. priceMin/priceMax are its range.
CREATE INDEX ix_listings_inventory_price ON listings (purpose, price_minor, id) WHERE status IN ('live', 'under_offer');
--   beds: bedrooms, then price, id; listings without bedrooms (offices, land) come last, read as a second range of
--   the same index (bedrooms IS NULL). bedsMin/bedsMax are its range.
CREATE INDEX ix_listings_inventory_beds ON listings (bedrooms, price_minor, id) WHERE status IN ('live', 'under_offer');
-- Any other status asked for explicitly (drafts, pending, sold...), newest first: one status is an equality prefix.
CREATE INDEX ix_listings_status_created_at_id ON listings (status, created_at DESC, id DESC);

-- The reference filter is a prefix (LIKE 'AA-S-102%'); a plain btree serves LIKE only under the C collation, which a
-- managed PostgreSQL does not use. text_pattern_ops serves the prefix and still enforces uniqueness.
DROP INDEX ux_listings_reference;
CREATE UNIQUE INDEX ux_listings_reference ON listings (reference text_pattern_ops);
