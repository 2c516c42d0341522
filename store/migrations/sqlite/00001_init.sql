-- +goose Up
-- The first schema of a rotate book. Dates are civil dates as YYYY-MM-DD
-- text; timestamps are UTC RFC 3339 text.

CREATE TABLE contacts (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL,
    email          TEXT    NOT NULL DEFAULT '',
    company        TEXT    NOT NULL DEFAULT '',
    tier           TEXT    NOT NULL DEFAULT 'B',
    rule           TEXT    NOT NULL,
    override_rule  TEXT    NOT NULL DEFAULT '',
    override_until TEXT    NOT NULL DEFAULT '',
    due            TEXT,
    attempts       INTEGER NOT NULL DEFAULT 0,
    step           INTEGER NOT NULL DEFAULT 0,
    status         TEXT    NOT NULL DEFAULT 'active'
                   CHECK (status IN ('active', 'paused', 'archived')),
    family         TEXT    NOT NULL DEFAULT '',
    occupation     TEXT    NOT NULL DEFAULT '',
    recreation     TEXT    NOT NULL DEFAULT '',
    message        TEXT    NOT NULL DEFAULT '',
    birthday       TEXT    NOT NULL DEFAULT '',
    -- Denormalised so lists need no per-row lookup: the first phone, and
    -- the last call and conversation.
    phone          TEXT    NOT NULL DEFAULT '',
    last_call_day  TEXT    NOT NULL DEFAULT '',
    last_outcome   TEXT    NOT NULL DEFAULT '',
    last_talk_day  TEXT    NOT NULL DEFAULT '',
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
);
CREATE INDEX contacts_status_due ON contacts (status, due);

CREATE TABLE phones (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    number     TEXT    NOT NULL,
    label      TEXT    NOT NULL DEFAULT '',
    e164       TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (contact_id, position)
);
CREATE INDEX phones_e164 ON phones (e164) WHERE e164 <> '';

CREATE TABLE tags (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    tag        TEXT    NOT NULL,
    PRIMARY KEY (contact_id, tag)
);
CREATE INDEX tags_tag ON tags (tag);

CREATE TABLE calls (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    at         TEXT    NOT NULL,
    day        TEXT    NOT NULL,
    kind       TEXT    NOT NULL DEFAULT 'call',
    outcome    TEXT    NOT NULL,
    note       TEXT    NOT NULL DEFAULT '',
    next_due   TEXT    NOT NULL DEFAULT '',
    edited_at  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX calls_contact_at ON calls (contact_id, at DESC);
CREATE INDEX calls_day ON calls (day);

CREATE TABLE followups (
    id               INTEGER PRIMARY KEY,
    contact_id       INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    text             TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    created_call_id  INTEGER REFERENCES calls (id) ON DELETE SET NULL,
    resolved_at      TEXT    NOT NULL DEFAULT '',
    resolved_call_id INTEGER REFERENCES calls (id) ON DELETE SET NULL
);
CREATE INDEX followups_open ON followups (contact_id, resolved_at);

CREATE TABLE drafts (
    contact_id INTEGER PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
    outcome    TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    followups  TEXT NOT NULL DEFAULT '',
    next       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Workdays on which the due list was cleared: the streak.
CREATE TABLE cleared_days (
    day TEXT PRIMARY KEY
);

-- Full-text search over notes and follow-ups, kept in sync by triggers.
CREATE VIRTUAL TABLE calls_fts USING fts5 (
    note, content = 'calls', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE followups_fts USING fts5 (
    text, content = 'followups', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- +goose StatementBegin
CREATE TRIGGER calls_fts_insert AFTER INSERT ON calls BEGIN
    INSERT INTO calls_fts (rowid, note) VALUES (new.id, new.note);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER calls_fts_delete AFTER DELETE ON calls BEGIN
    INSERT INTO calls_fts (calls_fts, rowid, note) VALUES ('delete', old.id, old.note);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER calls_fts_update AFTER UPDATE OF note ON calls BEGIN
    INSERT INTO calls_fts (calls_fts, rowid, note) VALUES ('delete', old.id, old.note);
    INSERT INTO calls_fts (rowid, note) VALUES (new.id, new.note);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER followups_fts_insert AFTER INSERT ON followups BEGIN
    INSERT INTO followups_fts (rowid, text) VALUES (new.id, new.text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER followups_fts_delete AFTER DELETE ON followups BEGIN
    INSERT INTO followups_fts (followups_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER followups_fts_update AFTER UPDATE OF text ON followups BEGIN
    INSERT INTO followups_fts (followups_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO followups_fts (rowid, text) VALUES (new.id, new.text);
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE followups_fts;
DROP TABLE calls_fts;
DROP TABLE cleared_days;
DROP TABLE settings;
DROP TABLE drafts;
DROP TABLE followups;
DROP TABLE calls;
DROP TABLE tags;
DROP TABLE phones;
DROP TABLE contacts;
