-- The extensions of rentals, written by the process in the transaction that applies one: an extension's charge at
-- the payment service is confirmed by reconciliation when its row is here, and released when it is not (the
-- extension rolled back after the charge).
CREATE TABLE rental_extension (
  id         VARCHAR(36)    PRIMARY KEY,
  rental_id  VARCHAR(36)    NOT NULL REFERENCES rental (id),
  hours      INT            NOT NULL,
  amount     DECIMAL(10, 2) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX rental_extension_rental ON rental_extension (rental_id);
