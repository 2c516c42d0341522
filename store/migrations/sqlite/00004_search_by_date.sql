-- +goose Up
-- The notes and follow-ups by date, for Search: it looks for the newest
-- matches among the newest rows first (a few thousand, found on these
-- indexes) and joins every match to its table only when those are not
-- enough. On a book of millions of calls a common word no longer costs a
-- row lookup per match.
CREATE INDEX calls_at ON calls (at);
CREATE INDEX followups_created ON followups (created_at);

-- +goose Down
DROP INDEX followups_created;
DROP INDEX calls_at;
