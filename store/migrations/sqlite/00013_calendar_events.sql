-- +goose Up
-- The events of the calendar export (rotate export --format ics): for
-- each contact its planned call (n = 0) and the calls projected after it
-- (n = 1, 2, ...), with what the event said when last exported (its day,
-- or its moment and zone for a timed call) and the SEQUENCE written then.
-- The SEQUENCE grows when an event moves, so a calendar that imports the
-- file again updates the event; rows are never taken back but with their
-- contact, so a SEQUENCE never goes down.
CREATE TABLE calendar_events (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    n          INTEGER NOT NULL,
    start      TEXT    NOT NULL,
    sequence   INTEGER NOT NULL DEFAULT 0 CHECK (sequence BETWEEN 0 AND 1000000000),
    PRIMARY KEY (contact_id, n),
    CHECK (n >= 0 AND length(start) <= 100)
);

-- +goose Down
DROP TABLE calendar_events;
