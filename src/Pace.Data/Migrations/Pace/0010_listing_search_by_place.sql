-- The listing search by place (a community and everything beneath it) with the usual filters, newest first.
--
-- Measured over the benchmark dataset (bench/RESULTS.md): for a search such as "rent, apartment, 0–2 beds, up to
-- AED 250,000 in Dubai Hills Estate", PostgreSQL ANDed the bitmaps of ix_listings_location_id_status (8,258 listings
-- of the place) and ix_listings_inventory_price (21,963 rentals under the price), then read 1,515 heap blocks to
-- check type and bedrooms, 19 ms warm and 85 ms from disk. This index holds every filter of the search over the
-- inventory (live and under offer): the place as the leading column (location_id = ANY of the subtree's ids), then
-- purpose, type, bedrooms and price as index conditions, so only the listings that pass every filter are visited
-- (1,218 in that search: 2.8 ms warm). created_at and id are included for the newest-first sort and its keyset.
CREATE INDEX ix_listings_inventory_location ON listings (location_id, purpose, property_type, bedrooms, price_minor) INCLUDE (created_at, id) WHERE status IN ('live', 'under_offer');
