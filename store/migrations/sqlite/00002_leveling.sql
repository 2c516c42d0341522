-- +goose Up
-- Load leveling reads the book's schedules as one GROUP BY; this index
-- covers it, so the query never touches the wide contact rows.
CREATE INDEX contacts_plan ON contacts (status, due, rule, override_rule, override_until, attempts, step);

-- book_version counts the changes that move calls (a contact's schedule,
-- status, a setting), so a process can keep its load forecast between
-- placements and know, with one read, when another process changed the book.
CREATE TABLE book_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO book_version (id, version) VALUES (1, 0);

-- +goose StatementBegin
CREATE TRIGGER contacts_plan_insert AFTER INSERT ON contacts BEGIN
    UPDATE book_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER contacts_plan_update AFTER UPDATE OF due, rule, override_rule, override_until, attempts, step, status ON contacts BEGIN
    UPDATE book_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER contacts_plan_delete AFTER DELETE ON contacts BEGIN
    UPDATE book_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER settings_plan_insert AFTER INSERT ON settings BEGIN
    UPDATE book_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER settings_plan_update AFTER UPDATE ON settings BEGIN
    UPDATE book_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER settings_plan_delete AFTER DELETE ON settings BEGIN
    UPDATE book_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER settings_plan_delete;
DROP TRIGGER settings_plan_update;
DROP TRIGGER settings_plan_insert;
DROP TRIGGER contacts_plan_delete;
DROP TRIGGER contacts_plan_update;
DROP TRIGGER contacts_plan_insert;
DROP TABLE book_version;
DROP INDEX contacts_plan;
