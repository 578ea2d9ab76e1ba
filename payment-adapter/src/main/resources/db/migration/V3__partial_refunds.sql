-- A rental returned early gets its unused hours back: a refund of part of the charge.
ALTER TABLE payment DROP CONSTRAINT payment_status_check;
ALTER TABLE payment ADD CONSTRAINT payment_status_check
    CHECK (status IN ('PENDING', 'CHARGED', 'DECLINED', 'PARTLY_REFUNDED', 'REFUNDED', 'VOIDED'));
