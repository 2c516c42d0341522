-- +goose Up
-- Every touch counts (see migrations/sqlite/00010: the same columns and
-- meanings): calls.direction ('out' or 'in'), contacts.returned_day (a
-- missed call of theirs not yet answered) and contacts.due_time (the time
-- of day of a callback). It follows the pattern of migration 00002; no
-- function is added, and the new columns are granted to members with
-- their table's rights through public.rotate_regrant().
ALTER TABLE public.calls ADD COLUMN direction text NOT NULL DEFAULT 'out'
    CHECK (direction IN ('out', 'in'));
ALTER TABLE public.contacts ADD COLUMN returned_day text NOT NULL DEFAULT '';
ALTER TABLE public.contacts ADD COLUMN due_time text NOT NULL DEFAULT '';
CREATE INDEX contacts_returned ON public.contacts (returned_day) WHERE returned_day <> '';

-- Members are granted INSERT and UPDATE column by column (00002, rule 3):
-- grant every member's rights again, these columns included.
SELECT public.rotate_regrant();

-- +goose Down
DROP INDEX public.contacts_returned;
ALTER TABLE public.contacts DROP COLUMN due_time;
ALTER TABLE public.contacts DROP COLUMN returned_day;
ALTER TABLE public.calls DROP COLUMN direction;
