-- The customer-facing tables of process-app. The engine's ACT_* tables are Camunda's own.

CREATE TABLE mobility (
  id   VARCHAR(40)  PRIMARY KEY,
  type VARCHAR(16)  NOT NULL,
  name VARCHAR(100) NOT NULL
);

-- Status read model (CQRS): written by the process's listeners in the engine's transaction.
CREATE TABLE rental (
  id                  VARCHAR(36)  PRIMARY KEY,
  customer            VARCHAR(100) NOT NULL,
  mobility_id         VARCHAR(40)  NOT NULL REFERENCES mobility (id),
  hours               INT          NOT NULL,
  amount              DECIMAL(10, 2),
  currency            CHAR(3)      NOT NULL,
  status              VARCHAR(20)  NOT NULL,
  payment_status      VARCHAR(20)  NOT NULL,
  rental_key          CHAR(4),
  process_instance_id VARCHAR(64)  NOT NULL,
  created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- my page: a customer's rentals, newest first
CREATE INDEX rental_customer_created ON rental (customer, created_at DESC, id DESC);
-- the "vehicle already rented" check
CREATE INDEX rental_mobility_status ON rental (mobility_id, status);
