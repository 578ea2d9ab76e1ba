-- One key per rental. A key is live while status = 'ISSUED' and valid_until lies in the future;
-- uniqueness of live codes per vehicle depends on the clock, so the service enforces it, not an index.
CREATE TABLE rental_key (
    rental_id   VARCHAR(36)              NOT NULL,
    mobility_id VARCHAR(100)             NOT NULL,
    key_code    VARCHAR(4)               NOT NULL,
    status      VARCHAR(16)              NOT NULL,
    issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_until TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT rental_key_pk PRIMARY KEY (rental_id),
    CONSTRAINT rental_key_status_ck CHECK (status IN ('ISSUED', 'REVOKED')),
    CONSTRAINT rental_key_code_ck CHECK (CHAR_LENGTH(key_code) = 4),
    CONSTRAINT rental_key_revoked_ck CHECK ((status = 'REVOKED') = (revoked_at IS NOT NULL)),
    CONSTRAINT rental_key_validity_ck CHECK (valid_until > issued_at)
);

CREATE INDEX rental_key_mobility_code_ix ON rental_key (mobility_id, key_code);
