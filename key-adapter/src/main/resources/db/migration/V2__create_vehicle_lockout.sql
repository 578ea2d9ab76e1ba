-- Wrong keys per vehicle, so that the 10 000 codes of a vehicle cannot simply be tried one after another.
-- A verification locks its vehicle's row (SELECT ... FOR UPDATE) for one short transaction that checks the lockout,
-- evaluates the key and counts the outcome: parallel guesses take turns, on every node.
-- failures:          wrong keys since window_started_at (the first of them); forgotten once the window has passed
-- locked_until:      verifications of the vehicle are refused until then
-- lockouts:          lockouts since the last correct key; each one lasts twice as long as the one before
CREATE TABLE vehicle_lockout (
    mobility_id       VARCHAR(100)             NOT NULL,
    failures          INTEGER                  NOT NULL,
    window_started_at TIMESTAMP WITH TIME ZONE,
    locked_until      TIMESTAMP WITH TIME ZONE,
    lockouts          INTEGER                  NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT vehicle_lockout_pk PRIMARY KEY (mobility_id),
    CONSTRAINT vehicle_lockout_counts_ck CHECK (failures >= 0 AND lockouts >= 0),
    CONSTRAINT vehicle_lockout_window_ck CHECK ((failures = 0) = (window_started_at IS NULL))
);
