-- When an ACTIVE rental's time is up (moved by an extension), and what went back to the customer (a cancel's whole
-- amount, a return's unused hours).
ALTER TABLE rental ADD COLUMN ends_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE rental ADD COLUMN refunded_amount DECIMAL(10, 2);
