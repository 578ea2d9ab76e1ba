-- A charge is confirmed once the rental it was made for is known to exist (its start committed). A charge that is
-- still unconfirmed past the reconciliation's grace was made for a start that rolled back: an orphan. The index
-- leads with what only such candidates share, so a reconciliation round reads them and nothing else, however many
-- confirmed payments the ledger holds. Payments from before this column are unconfirmed: the first rounds go
-- through them once, confirming those whose rental exists.
ALTER TABLE payment ADD COLUMN confirmed_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX payment_unconfirmed_idx ON payment (status, confirmed_at, created_at);
