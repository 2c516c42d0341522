-- +goose Up
-- Calls from the phone (rotate calls import, issue 16): an imported call
-- keeps the key of the phone's call-log record it came from
-- (interchange.PhoneCall.Key: the record's number, start and type), so
-- that importing the same call log again adds nothing. '' for a touch
-- logged by hand. One record is one call of a contact.
ALTER TABLE calls ADD COLUMN phone_key TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX calls_phone_key ON calls (contact_id, phone_key) WHERE phone_key <> '';

-- +goose Down
DROP INDEX calls_phone_key;
ALTER TABLE calls DROP COLUMN phone_key;
