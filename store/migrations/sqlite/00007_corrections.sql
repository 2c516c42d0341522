-- +goose Up
-- Corrections and erasure (DESIGN.md "Touches, corrections, erasure").
--
-- calls.prior is what the contact's schedule was just before the call
-- was logged (JSON, written by LogCall): undoing, editing or moving the
-- contact's newest call puts it back and, for an edit, logs the corrected
-- call over it, so the schedule is exactly what a fresh log would give.
ALTER TABLE calls ADD COLUMN prior TEXT NOT NULL DEFAULT '';

-- The history of changes: the version of a call each edit, move, delete,
-- undo or merge replaced, with who changed it and when. Append-only:
-- rows are added, never changed; only forget removes them, with the
-- person they are about. call_id has no foreign key: the call may be gone.
CREATE TABLE call_revisions (
    id         INTEGER PRIMARY KEY,
    call_id    INTEGER NOT NULL,
    contact_id INTEGER NOT NULL,
    changed_at TEXT    NOT NULL,
    changed_by TEXT    NOT NULL DEFAULT '',
    action     TEXT    NOT NULL CHECK (action IN ('edit', 'move', 'delete', 'undo', 'merge')),
    at         TEXT    NOT NULL,
    day        TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    outcome    TEXT    NOT NULL,
    note       TEXT    NOT NULL,
    next_due   TEXT    NOT NULL,
    logged_by  TEXT    NOT NULL,
    prior      TEXT    NOT NULL,
    edited_at  TEXT    NOT NULL,
    -- the follow-ups the call created and resolved, as they were (JSON)
    followups  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX call_revisions_call ON call_revisions (call_id, id);
CREATE INDEX call_revisions_contact ON call_revisions (contact_id);

-- +goose StatementBegin
CREATE TRIGGER call_revisions_no_update BEFORE UPDATE ON call_revisions BEGIN
    SELECT RAISE(ABORT, 'the history of changes cannot be rewritten');
END;
-- +goose StatementEnd

-- Erased people: a salted hash of each phone (E.164) and e-mail of a
-- forgotten contact, so that imports and syncs skip them.
CREATE TABLE forgotten (
    hash TEXT PRIMARY KEY,
    at   TEXT NOT NULL
) WITHOUT ROWID;

-- +goose Down
DROP TABLE forgotten;
DROP TRIGGER call_revisions_no_update;
DROP TABLE call_revisions;
ALTER TABLE calls DROP COLUMN prior;
