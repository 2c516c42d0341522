-- +goose Up
-- A contact's time zone as given (an IANA name such as Europe/Berlin):
-- '' derives it from the phone numbers when they determine one zone.
ALTER TABLE contacts ADD COLUMN tz TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE contacts DROP COLUMN tz;
