-- +goose Up
-- The columns team mode (PostgreSQL) fills in, kept here too so both
-- backends read and write the same rows: who a contact is assigned to,
-- and who logged a call. A personal book leaves them empty.
ALTER TABLE contacts ADD COLUMN assignee TEXT NOT NULL DEFAULT '';
ALTER TABLE calls ADD COLUMN logged_by TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE calls DROP COLUMN logged_by;
ALTER TABLE contacts DROP COLUMN assignee;
