-- Uploaded listing media: files in the media store are addressed by the SHA-256 of their bytes (storage_key
-- '<64 hex>.jpg'). Started from ./pace model-sql pace and reviewed.
--
-- One index, two uses: a file appears at most once on a listing (uploading the same photo again answers the item
-- already there), and before a removed item's file is deleted from the store, the check that no other media item
-- points to it is an index lookup on the leading storage_key (about 2,000,000 rows at 100,000 listings).
-- Media linked by URL (storage_key NULL) are not indexed.
CREATE UNIQUE INDEX ux_listing_media_storage_key_listing_id ON listing_media (storage_key, listing_id) WHERE storage_key IS NOT NULL;
