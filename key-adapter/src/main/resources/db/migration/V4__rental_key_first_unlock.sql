-- The first time a vehicle opened with the rental's key (its first valid POST /keys/verify): from then on the rental
-- can no longer be cancelled, only returned. Set once, in the same row a cancel's withdrawal revokes, so the two
-- take turns on its lock: either the key opened the vehicle first and the withdrawal is refused, or the key was
-- withdrawn first and never opens it.
ALTER TABLE rental_key ADD COLUMN first_unlocked_at TIMESTAMP WITH TIME ZONE;
