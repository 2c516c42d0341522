-- +goose Up
-- plan_groups is the book's schedules summed up: one row per schedule
-- shared by active contacts with a due date (a few hundred rows on a book
-- of 100,000), kept exact by the triggers below. The leveler's forecast
-- reads it instead of grouping every contact, so a new process (one
-- `rotate log`) pays for the groups, not for the book.
CREATE TABLE plan_groups (
    due            TEXT    NOT NULL,
    rule           TEXT    NOT NULL,
    override_rule  TEXT    NOT NULL,
    override_until TEXT    NOT NULL,
    attempts       INTEGER NOT NULL,
    step           INTEGER NOT NULL,
    n              INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (due, rule, override_rule, override_until, attempts, step)
) WITHOUT ROWID;

INSERT INTO plan_groups (due, rule, override_rule, override_until, attempts, step, n)
SELECT due, rule, override_rule, override_until, attempts, step, count(*)
FROM contacts WHERE status = 'active' AND due IS NOT NULL
GROUP BY due, rule, override_rule, override_until, attempts, step;

-- +goose StatementBegin
CREATE TRIGGER plan_groups_insert AFTER INSERT ON contacts
WHEN new.status = 'active' AND new.due IS NOT NULL BEGIN
    INSERT INTO plan_groups (due, rule, override_rule, override_until, attempts, step, n)
    VALUES (new.due, new.rule, new.override_rule, new.override_until, new.attempts, new.step, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- Taking a contact out: its group loses the row when it was the last one,
-- else counts one less (the DELETE first, so the UPDATE only sees n > 1).
-- +goose StatementBegin
CREATE TRIGGER plan_groups_delete AFTER DELETE ON contacts
WHEN old.status = 'active' AND old.due IS NOT NULL BEGIN
    DELETE FROM plan_groups WHERE due = old.due AND rule = old.rule AND override_rule = old.override_rule
      AND override_until = old.override_until AND attempts = old.attempts AND step = old.step AND n = 1;
    UPDATE plan_groups SET n = n - 1 WHERE due = old.due AND rule = old.rule AND override_rule = old.override_rule
      AND override_until = old.override_until AND attempts = old.attempts AND step = old.step;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER plan_groups_update AFTER UPDATE OF due, rule, override_rule, override_until, attempts, step, status ON contacts BEGIN
    DELETE FROM plan_groups WHERE due = old.due AND rule = old.rule AND override_rule = old.override_rule
      AND override_until = old.override_until AND attempts = old.attempts AND step = old.step AND n = 1
      AND old.status = 'active' AND old.due IS NOT NULL;
    UPDATE plan_groups SET n = n - 1 WHERE due = old.due AND rule = old.rule AND override_rule = old.override_rule
      AND override_until = old.override_until AND attempts = old.attempts AND step = old.step
      AND old.status = 'active' AND old.due IS NOT NULL;
    INSERT INTO plan_groups (due, rule, override_rule, override_until, attempts, step, n)
    SELECT new.due, new.rule, new.override_rule, new.override_until, new.attempts, new.step, 1
    WHERE new.status = 'active' AND new.due IS NOT NULL
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER plan_groups_update;
DROP TRIGGER plan_groups_delete;
DROP TRIGGER plan_groups_insert;
DROP TABLE plan_groups;
