-- +goose Up
-- Every touch counts (issue 16): a call row is a touch on a channel
-- (kind: call, email, text, meeting, letter; or a note) made by the user
-- (direction 'out') or by them ('in'). A contact's returned_day is the day
-- of a call of theirs that was missed and not yet answered by a later
-- touch: a returned call, first on today's list; due_time is the time of
-- day ('15:00') typed with the next date (a callback "thu 3pm"), '' for
-- none.
ALTER TABLE calls ADD COLUMN direction TEXT NOT NULL DEFAULT 'out';
ALTER TABLE contacts ADD COLUMN returned_day TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN due_time TEXT NOT NULL DEFAULT '';
CREATE INDEX contacts_returned ON contacts (returned_day) WHERE returned_day <> '';

-- +goose Down
DROP INDEX contacts_returned;
ALTER TABLE contacts DROP COLUMN due_time;
ALTER TABLE contacts DROP COLUMN returned_day;
ALTER TABLE calls DROP COLUMN direction;
