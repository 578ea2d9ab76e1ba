-- A revoke that finds no key leaves a tombstone: a REVOKED row without vehicle, code or validity. An issue that
-- comes later for the rental (a slow worker that fetched its task before a cancel) finds it and makes no key, so
-- a cancelled rental never gets a live key after its revoke, and so never after its refund. The primary key makes
-- a revoke and an issue of one rental conflict, whichever inserts second.
ALTER TABLE rental_key ALTER COLUMN mobility_id DROP NOT NULL;
ALTER TABLE rental_key ALTER COLUMN key_code DROP NOT NULL;
ALTER TABLE rental_key ALTER COLUMN issued_at DROP NOT NULL;
ALTER TABLE rental_key ALTER COLUMN valid_until DROP NOT NULL;
ALTER TABLE rental_key ADD CONSTRAINT rental_key_tombstone_ck CHECK (
    (mobility_id IS NOT NULL AND key_code IS NOT NULL AND issued_at IS NOT NULL AND valid_until IS NOT NULL)
    OR (mobility_id IS NULL AND key_code IS NULL AND issued_at IS NULL AND valid_until IS NULL
        AND status = 'REVOKED'));
