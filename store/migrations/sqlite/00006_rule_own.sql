-- +goose Up
-- Whether a contact has a cadence of its own (1) or follows its tier's (0):
-- one that follows its tier changes with the tier and with the tier's
-- setting. Contacts of an older book whose rule is their tier's current
-- one follow their tier from now on; the others keep the rule they have.
ALTER TABLE contacts ADD COLUMN rule_own INTEGER NOT NULL DEFAULT 1;
UPDATE contacts SET rule_own = 0 WHERE rule = coalesce(
    (SELECT value FROM settings WHERE key = 'tier.' || contacts.tier),
    CASE contacts.tier WHEN 'A' THEN 'every 30d' WHEN 'B' THEN 'every 90d' WHEN 'C' THEN 'every 6m' END);

-- +goose Down
ALTER TABLE contacts DROP COLUMN rule_own;
