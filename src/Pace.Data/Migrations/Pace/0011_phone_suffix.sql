-- The duplicate check's "similar name and a phone ending in the same seven digits" (ApplicantDuplicates).
--
-- It searched by name first: full_name % 'Ali Raza' through the trigram index, then probed each similar name's phones.
-- At 1,000,000 applicants a common name is similar to thousands of others, and the applicant page (which runs the check)
-- took 0.3 to 1.1 s in the benchmark (bench/RESULTS.md). Seven trailing digits are rare (about one number in
-- 10,000,000 shares them by chance), so the check now starts from the phones ending in the same digits, by this
-- generated column and its index, and compares only their owners' names.
--
-- On a populated database the ALTER TABLE rewrites applicant_phones once (seconds at 1.2M rows, under lock).
ALTER TABLE applicant_phones ADD COLUMN number_suffix character varying(7) GENERATED ALWAYS AS (right(number, 7)) STORED;

CREATE INDEX ix_applicant_phones_number_suffix ON applicant_phones (number_suffix);

-- The new column's statistics now, so the check's plan starts from the suffix index at once.
ANALYZE applicant_phones;
