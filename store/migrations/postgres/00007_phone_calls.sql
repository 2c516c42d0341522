-- +goose Up
-- Calls from the phone (see migrations/sqlite/00011: the same column and
-- meaning): calls.phone_key is the key of the phone's call-log record an
-- imported call came from, '' for a touch logged by hand. It follows the
-- pattern of migration 00002: no table or function is added; the calls'
-- row-level security covers the column, and members get it with their
-- rights on calls through public.rotate_regrant() (INSERT and UPDATE are
-- granted column by column).
ALTER TABLE public.calls ADD COLUMN phone_key text NOT NULL DEFAULT '';
CREATE UNIQUE INDEX calls_phone_key ON public.calls (contact_id, phone_key) WHERE phone_key <> '';

SELECT public.rotate_regrant();

-- +goose Down
DROP INDEX public.calls_phone_key;
ALTER TABLE public.calls DROP COLUMN phone_key;
