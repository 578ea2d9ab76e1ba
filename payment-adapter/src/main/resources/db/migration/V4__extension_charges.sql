-- A rental extended while it runs pays the extra hours with a charge of its own (type EXTENSION), keyed by the
-- extension's id (operation); the payment's own charge and refund keep operation ''. Each extension charge is
-- confirmed, like the first charge, once the extension is known to have committed in the rental; one that stays
-- unconfirmed past the grace was made for an extension that rolled back, and is released.
ALTER TABLE ledger_entry ADD COLUMN operation VARCHAR(36) DEFAULT '' NOT NULL;
ALTER TABLE ledger_entry ADD COLUMN confirmed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_type_check;
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_type_check CHECK (type IN ('CHARGE', 'EXTENSION', 'REFUND'));
-- Still the last guard against paying or refunding twice: once per type and operation.
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_once_per_type;
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_once_per_operation UNIQUE (rental_id, type, operation);
CREATE INDEX ledger_entry_unconfirmed_idx ON ledger_entry (type, confirmed_at, booked_at);
