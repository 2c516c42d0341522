-- +goose Up
-- A contact's time zone as given (an IANA name such as Europe/Berlin):
-- '' derives it from the phone numbers when they determine one zone.
ALTER TABLE public.contacts ADD COLUMN tz text NOT NULL DEFAULT '';

-- Members are granted INSERT and UPDATE on contacts column by column
-- (00002, rule 3): grant every member's rights again, this column included.
SELECT public.rotate_regrant();

-- +goose Down
ALTER TABLE public.contacts DROP COLUMN tz;
SELECT public.rotate_regrant();
