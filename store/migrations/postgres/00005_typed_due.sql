-- +goose Up
-- The date the user typed for a contact's next call (`--next`, a callback,
-- `--due`, snooze): the catch-up keeps a call on it and never moves it.
-- The due date is the typed one while due = due_typed; a date the rules
-- compute later replaces due and leaves due_typed behind, stale.
ALTER TABLE contacts ADD COLUMN due_typed text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE contacts DROP COLUMN due_typed;
