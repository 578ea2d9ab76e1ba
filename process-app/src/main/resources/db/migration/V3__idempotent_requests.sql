-- Requests sent with an Idempotency-Key header (IETF draft-ietf-httpapi-idempotency-key-header): one row per customer
-- and key, kept 24 hours, so a repeat gets the first answer on any node and after a restart.
CREATE TABLE idempotent_request (
  customer     VARCHAR(100)   NOT NULL,
  request_key  VARCHAR(255)   NOT NULL,
  -- SHA-256 of method, path and body: the same key with another request is refused
  fingerprint  CHAR(64)       NOT NULL,
  -- the attempt working on it, and until when; a repeat meanwhile is told it is in flight
  owner        VARCHAR(36),
  locked_until TIMESTAMP WITH TIME ZONE,
  -- the rental the request started, written in the transaction that started it
  rental_id    VARCHAR(36),
  -- the first answer
  status       INT,
  location     VARCHAR(500),
  content_type VARCHAR(100),
  body         VARCHAR(16000),
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (customer, request_key)
);

CREATE INDEX idempotent_request_expires ON idempotent_request (expires_at);
