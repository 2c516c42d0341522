-- +goose Up
-- No stranded note, and open interfaces that follow the team (issue 18).
-- It follows the pattern at the top of 00002_hardening.sql: every
-- function pins search_path = pg_catalog, pg_temp and names the book's
-- objects schema-qualified; definer functions only where a member must
-- not hold the right (another person's drafts); EXECUTE taken from PUBLIC
-- by rotate_regrant at the end, and granted to members only for
-- rotate_hand_draft (through public.rotate_grant, replaced below); the
-- new table has row-level security and no member rights at all.

-- A change of membership (added, demoted, promoted, removed) is a change
-- every open interface must show at once: what a member may see changed.
CREATE TRIGGER team_members_notify AFTER INSERT OR UPDATE OR DELETE ON public.team_members
    FOR EACH STATEMENT EXECUTE FUNCTION public.rotate_notify();

-- The contacts that left a member's reach (taken back, given to someone
-- else, the member demoted): what lets that member hand over a draft
-- typed before, kept in a local file while the server was away
-- (rotate_hand_draft). Written and read only by the functions below; no
-- member has a right on it, and no policy lets anyone read a row.
CREATE TABLE public.reach_lost (
    contact_id bigint NOT NULL REFERENCES public.contacts (id) ON DELETE CASCADE,
    role       text   NOT NULL,
    PRIMARY KEY (contact_id, role)
);
ALTER TABLE public.reach_lost ENABLE ROW LEVEL SECURITY;

-- The helpers below run with their caller's rights and are called only
-- from the definer functions further down (as the book's owner); no
-- member may call them.

-- Whether member may see contact now: an owner sees every contact, an
-- assistant those assigned to them; someone outside the team none.
-- +goose StatementBegin
CREATE FUNCTION public.rotate_reaches(member text, contact bigint) RETURNS boolean LANGUAGE sql STABLE
SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM public.team_members m
                   WHERE m.role OPERATOR(pg_catalog.=) member AND m.kind OPERATOR(pg_catalog.=) 'owner')
        OR EXISTS (SELECT 1 FROM public.contacts c
                   WHERE c.id OPERATOR(pg_catalog.=) contact AND c.assignee OPERATOR(pg_catalog.=) member
                     AND EXISTS (SELECT 1 FROM public.team_members m WHERE m.role OPERATOR(pg_catalog.=) member))
$$;
-- +goose StatementEnd

-- Who holds a contact now: its assignee when a member; else the owner
-- making the change (the session's role), else the book's owner.
-- +goose StatementBegin
CREATE FUNCTION public.rotate_holder(contact bigint) RETURNS text LANGUAGE sql STABLE
SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(
        (SELECT c.assignee FROM public.contacts c
         WHERE c.id OPERATOR(pg_catalog.=) contact AND c.assignee OPERATOR(pg_catalog.<>) ''
           AND EXISTS (SELECT 1 FROM public.team_members m WHERE m.role OPERATOR(pg_catalog.=) c.assignee)),
        (SELECT m.role FROM public.team_members m
         WHERE m.role OPERATOR(pg_catalog.=) SESSION_USER::text AND m.kind OPERATOR(pg_catalog.=) 'owner'),
        (SELECT pg_catalog.pg_get_userbyid(c.relowner)::text FROM pg_catalog.pg_class c
         WHERE c.oid OPERATOR(pg_catalog.=) 'public.contacts'::regclass))
$$;
-- +goose StatementEnd

-- Gives a draft of author's on contact to whoever holds the contact now,
-- under a line saying whose it was. A draft the holder has already on
-- that contact keeps every word it says, with the handed-over note below
-- it; the same note handed over again is not added twice. Nothing is
-- ever cut from the holder's draft (an earlier version cut everything
-- after the author's mark, the holder's own later text with it).
-- Returns the holder.
-- +goose StatementBegin
CREATE FUNCTION public.rotate_give_draft(contact bigint, author text, d_outcome text, d_note text,
    d_followups text, d_next text, d_updated text) RETURNS text LANGUAGE plpgsql
SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    holder text := public.rotate_holder(contact);
    mark text := pg_catalog.format('[%s''s draft, handed over: the contact is no longer theirs]', author);
    section text;
    have record;
BEGIN
    IF holder IS NULL OR holder OPERATOR(pg_catalog.=) author THEN
        RETURN NULL;
    END IF;
    section := mark;
    IF d_outcome OPERATOR(pg_catalog.<>) '' THEN
        section := section OPERATOR(pg_catalog.||) pg_catalog.chr(10) OPERATOR(pg_catalog.||) 'Outcome: ' OPERATOR(pg_catalog.||) d_outcome;
    END IF;
    IF d_next OPERATOR(pg_catalog.<>) '' THEN
        section := section OPERATOR(pg_catalog.||) pg_catalog.chr(10) OPERATOR(pg_catalog.||) 'Next: ' OPERATOR(pg_catalog.||) d_next;
    END IF;
    IF d_note OPERATOR(pg_catalog.<>) '' THEN
        section := section OPERATOR(pg_catalog.||) pg_catalog.chr(10) OPERATOR(pg_catalog.||) d_note;
    END IF;
    SELECT x.outcome, x.note, x.followups, x.next, x.updated_at INTO have FROM public.drafts x
    WHERE x.contact_id OPERATOR(pg_catalog.=) contact AND x.author OPERATOR(pg_catalog.=) holder;
    IF NOT FOUND THEN
        INSERT INTO public.drafts (contact_id, author, outcome, note, followups, next, updated_at)
        VALUES (contact, holder, '', section, d_followups, '', d_updated);
        RETURN holder;
    END IF;
    IF pg_catalog.strpos(have.note, section) OPERATOR(pg_catalog.>) 0 THEN
        section := have.note;
    ELSIF have.note OPERATOR(pg_catalog.<>) '' THEN
        section := have.note OPERATOR(pg_catalog.||) pg_catalog.chr(10) OPERATOR(pg_catalog.||) pg_catalog.chr(10) OPERATOR(pg_catalog.||) section;
    END IF;
    IF d_followups OPERATOR(pg_catalog.<>) '' AND pg_catalog.strpos(have.followups, d_followups) OPERATOR(pg_catalog.=) 0 THEN
        have.followups := pg_catalog.concat_ws(pg_catalog.chr(10), pg_catalog.nullif(have.followups, ''), d_followups);
    END IF;
    UPDATE public.drafts x SET note = section, followups = have.followups,
        updated_at = GREATEST(have.updated_at, d_updated)
    WHERE x.contact_id OPERATOR(pg_catalog.=) contact AND x.author OPERATOR(pg_catalog.=) holder;
    RETURN holder;
END $$;
-- +goose StatementEnd

-- Every draft nobody can read any more goes to the contact's holder: the
-- drafts on contact (when who_only is NULL) or those of who_only, whose
-- author may no longer see their contact.
-- +goose StatementBegin
CREATE FUNCTION public.rotate_rehome_drafts(contact bigint, who_only text) RETURNS void LANGUAGE plpgsql
SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    d record;
BEGIN
    FOR d IN SELECT x.contact_id, x.author, x.outcome, x.note, x.followups, x.next, x.updated_at FROM public.drafts x
             WHERE (contact IS NULL OR x.contact_id OPERATOR(pg_catalog.=) contact)
               AND (who_only IS NULL OR x.author OPERATOR(pg_catalog.=) who_only)
             ORDER BY x.contact_id, x.author LOOP
        IF public.rotate_reaches(d.author, d.contact_id) THEN
            CONTINUE;
        END IF;
        PERFORM public.rotate_give_draft(d.contact_id, d.author, d.outcome, d.note, d.followups, d.next, d.updated_at);
        DELETE FROM public.drafts x WHERE x.contact_id OPERATOR(pg_catalog.=) d.contact_id AND x.author OPERATOR(pg_catalog.=) d.author;
    END LOOP;
END $$;
-- +goose StatementEnd

-- A contact given to someone else (or taken back): the one who had it
-- may hand over what they typed before, and the drafts nobody can read
-- any more go to its holder.
-- +goose StatementBegin
CREATE FUNCTION public.rotate_reassigned() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF OLD.assignee OPERATOR(pg_catalog.=) NEW.assignee THEN
        RETURN NULL;
    END IF;
    IF OLD.assignee OPERATOR(pg_catalog.<>) '' AND NOT public.rotate_reaches(OLD.assignee, NEW.id)
       AND EXISTS (SELECT 1 FROM public.team_members m WHERE m.role OPERATOR(pg_catalog.=) OLD.assignee) THEN
        INSERT INTO public.reach_lost (contact_id, role) VALUES (NEW.id, OLD.assignee) ON CONFLICT DO NOTHING;
    END IF;
    DELETE FROM public.reach_lost r WHERE r.contact_id OPERATOR(pg_catalog.=) NEW.id
        AND r.role OPERATOR(pg_catalog.=) NEW.assignee;
    PERFORM public.rotate_rehome_drafts(NEW.id, NULL);
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER contacts_reassigned AFTER UPDATE OF assignee ON public.contacts
    FOR EACH ROW EXECUTE FUNCTION public.rotate_reassigned();

-- A draft the caller kept while the server was away, of a contact that
-- has left their reach since: it goes to whoever holds the contact now,
-- as the drafts in the book did. Only for a contact the caller had and
-- lost (reach_lost): no member writes into others' drafts on any other
-- contact, nor learns through it whether one exists (false either way).
-- The caller is the session's role, as in rotate_set_member.
-- +goose StatementBegin
CREATE FUNCTION public.rotate_hand_draft(contact bigint, d_outcome text, d_note text, d_followups text,
    d_next text, d_updated text) RETURNS boolean LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    caller text := SESSION_USER::text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM public.team_members m WHERE m.role OPERATOR(pg_catalog.=) caller)
       OR NOT EXISTS (SELECT 1 FROM public.reach_lost r WHERE r.contact_id OPERATOR(pg_catalog.=) contact
                      AND r.role OPERATOR(pg_catalog.=) caller)
       OR public.rotate_reaches(caller, contact) THEN
        RETURN false;
    END IF;
    -- Once per contact lost: the right is for the draft kept while the
    -- server was away, not a way into the holder's draft ever after.
    DELETE FROM public.reach_lost r WHERE r.contact_id OPERATOR(pg_catalog.=) contact
        AND r.role OPERATOR(pg_catalog.=) caller;
    RETURN public.rotate_give_draft(contact, caller, pg_catalog.left(coalesce(d_outcome, ''), 40),
        pg_catalog.left(coalesce(d_note, ''), 100000), pg_catalog.left(coalesce(d_followups, ''), 20000),
        pg_catalog.left(coalesce(d_next, ''), 40), pg_catalog.left(coalesce(d_updated, ''), 40)) IS NOT NULL;
END $$;
-- +goose StatementEnd

-- Membership as in 00002, and then: the drafts the member can no longer
-- read go to the holders of their contacts; a demoted owner may hand over
-- what they kept locally of every contact they no longer see.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION public.rotate_set_member(member text, member_kind text) RETURNS void LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    book_owner text := (SELECT pg_catalog.pg_get_userbyid(c.relowner)::text FROM pg_catalog.pg_class c
                        WHERE c.oid OPERATOR(pg_catalog.=) 'public.contacts'::regclass);
    was text := (SELECT m.kind FROM public.team_members m WHERE m.role OPERATOR(pg_catalog.=) member);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM public.team_members m
                   WHERE m.role OPERATOR(pg_catalog.=) SESSION_USER::text AND m.kind OPERATOR(pg_catalog.=) 'owner') THEN
        RAISE EXCEPTION 'only an owner can change who is in the team' USING ERRCODE = '42501';
    END IF;
    IF member_kind IS NULL OR member_kind NOT IN ('owner', 'assistant', 'none') THEN
        RAISE EXCEPTION 'a member is an owner or an assistant, not %', member_kind USING ERRCODE = '22023';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) member) THEN
        RAISE EXCEPTION 'there is no PostgreSQL role "%"', member USING ERRCODE = '42704';
    END IF;
    IF member OPERATOR(pg_catalog.=) book_owner AND member_kind OPERATOR(pg_catalog.<>) 'owner' THEN
        RAISE EXCEPTION '% set the book up and owns its tables, so stays an owner', member USING ERRCODE = '42501';
    END IF;
    IF member_kind OPERATOR(pg_catalog.<>) 'owner' AND member OPERATOR(pg_catalog.<>) book_owner
       AND NOT EXISTS (SELECT 1 FROM public.team_members m
                       WHERE m.kind OPERATOR(pg_catalog.=) 'owner' AND m.role OPERATOR(pg_catalog.<>) member) THEN
        RAISE EXCEPTION 'the team needs an owner' USING ERRCODE = '42501';
    END IF;
    IF member_kind OPERATOR(pg_catalog.=) 'none' THEN
        DELETE FROM public.team_members m WHERE m.role OPERATOR(pg_catalog.=) member;
        DELETE FROM public.reach_lost r WHERE r.role OPERATOR(pg_catalog.=) member;
        UPDATE public.contacts c SET assignee = '' WHERE c.assignee OPERATOR(pg_catalog.=) member;
    ELSE
        INSERT INTO public.team_members (role, kind) VALUES (member, member_kind)
        ON CONFLICT (role) DO UPDATE SET kind = excluded.kind;
        IF was OPERATOR(pg_catalog.=) 'owner' AND member_kind OPERATOR(pg_catalog.=) 'assistant' THEN
            INSERT INTO public.reach_lost (contact_id, role)
            SELECT c.id, member FROM public.contacts c WHERE c.assignee OPERATOR(pg_catalog.<>) member
            ON CONFLICT DO NOTHING;
        ELSIF member_kind OPERATOR(pg_catalog.=) 'owner' THEN
            DELETE FROM public.reach_lost r WHERE r.role OPERATOR(pg_catalog.=) member;
        END IF;
    END IF;
    PERFORM public.rotate_rehome_drafts(NULL, member);
    IF member OPERATOR(pg_catalog.<>) book_owner THEN
        PERFORM public.rotate_grant(member, member_kind);
    END IF;
END $$;
-- +goose StatementEnd

-- rotate_grant as in 00002, and every member may call rotate_hand_draft.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION public.rotate_grant(member text, member_kind text) RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    who text := pg_catalog.quote_ident(member);
    r record;
    p text;
    cols text;
BEGIN
    PERFORM public.rotate_close_database();
    EXECUTE 'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ' || who;
    EXECUTE 'REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ' || who;
    EXECUTE 'REVOKE ALL ON FUNCTION public.rotate_is_owner(), public.rotate_set_member(text, text), '
        'public.rotate_hand_draft(bigint, text, text, text, text, text) FROM ' || who;
    IF pg_catalog.has_database_privilege(pg_catalog.current_database(), 'CONNECT WITH GRANT OPTION') THEN
        EXECUTE pg_catalog.format('REVOKE ALL ON DATABASE %I FROM %s', pg_catalog.current_database(), who);
    END IF;
    IF member_kind NOT IN ('owner', 'assistant') THEN
        BEGIN
            PERFORM pg_catalog.pg_terminate_backend(a.pid) FROM pg_catalog.pg_stat_activity a
            WHERE a.usename OPERATOR(pg_catalog.=) member
              AND a.datname OPERATOR(pg_catalog.=) pg_catalog.current_database();
        EXCEPTION WHEN insufficient_privilege THEN
            NULL;
        END;
        RETURN;
    END IF;
    FOR r IN SELECT rr.tbl, rr.privs FROM public.rotate_rights rr WHERE rr.kind OPERATOR(pg_catalog.=) member_kind LOOP
        FOREACH p IN ARRAY r.privs LOOP
            IF p IN ('INSERT', 'UPDATE') THEN
                SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO cols
                FROM pg_catalog.pg_attribute a
                WHERE a.attrelid OPERATOR(pg_catalog.=) pg_catalog.format('public.%I', r.tbl)::regclass
                  AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped
                  AND a.attidentity OPERATOR(pg_catalog.=) '' AND a.attgenerated OPERATOR(pg_catalog.=) ''
                  AND a.attname NOT IN ('logged_by', 'author', 'who');
                EXECUTE pg_catalog.format('GRANT %s (%s) ON public.%I TO %s', p, cols, r.tbl, who);
            ELSE
                EXECUTE pg_catalog.format('GRANT %s ON public.%I TO %s', p, r.tbl, who);
            END IF;
        END LOOP;
    END LOOP;
    EXECUTE 'GRANT EXECUTE ON FUNCTION public.rotate_is_owner(), '
        'public.rotate_hand_draft(bigint, text, text, text, text, text) TO ' || who;
    IF member_kind OPERATOR(pg_catalog.=) 'owner' THEN
        EXECUTE 'GRANT EXECUTE ON FUNCTION public.rotate_set_member(text, text) TO ' || who;
    END IF;
    IF pg_catalog.has_database_privilege(pg_catalog.current_database(), 'CONNECT WITH GRANT OPTION') THEN
        EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %s', pg_catalog.current_database(), who);
    END IF;
END $$;
-- +goose StatementEnd

-- Each person's days: a member's own time away is the setting
-- 'away@ROLE', written by them (and by owners); every other setting, the
-- practice's, by owners only, as before. Everyone reads every setting.
ALTER TABLE public.settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY settings_read ON public.settings FOR SELECT USING (true);
CREATE POLICY settings_owners ON public.settings
    USING ((SELECT public.rotate_is_owner())) WITH CHECK ((SELECT public.rotate_is_owner()));
CREATE POLICY settings_own_away ON public.settings
    USING (key OPERATOR(pg_catalog.=) ('away@' OPERATOR(pg_catalog.||) CURRENT_USER::text))
    WITH CHECK (key OPERATOR(pg_catalog.=) ('away@' OPERATOR(pg_catalog.||) CURRENT_USER::text));
UPDATE public.rotate_rights SET privs = '{SELECT,INSERT,UPDATE,DELETE}' WHERE tbl = 'settings' AND kind = 'assistant';

-- Pushes and imports by an assistant: a contact of an assistant's that
-- shares a phone number or an e-mail with a contact they cannot see (an
-- owner's, nobody's, another assistant's) is flagged for the owners as a
-- possible duplicate, never a silent twin; they merge it (rotate merge),
-- which removes the flag with the contact. The assistant learns nothing:
-- they cannot read the flags, and adding the contact works either way.
CREATE TABLE public.possible_twins (
    contact_id bigint NOT NULL REFERENCES public.contacts (id) ON DELETE CASCADE,
    twin_id    bigint NOT NULL REFERENCES public.contacts (id) ON DELETE CASCADE,
    reason     text   NOT NULL,
    PRIMARY KEY (contact_id, twin_id)
);
ALTER TABLE public.possible_twins ENABLE ROW LEVEL SECURITY;
CREATE POLICY possible_twins_owners ON public.possible_twins
    USING ((SELECT public.rotate_is_owner())) WITH CHECK ((SELECT public.rotate_is_owner()));
INSERT INTO public.rotate_rights (tbl, kind, privs) VALUES ('possible_twins', 'owner', '{SELECT,DELETE}');

-- +goose StatementBegin
CREATE FUNCTION public.rotate_flag_twins() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    cid bigint;
    who text;
    mail text;
BEGIN
    IF TG_TABLE_NAME OPERATOR(pg_catalog.=) 'phones' THEN
        cid := NEW.contact_id;
    ELSE
        cid := NEW.id;
    END IF;
    SELECT c.assignee, pg_catalog.lower(c.email) INTO who, mail FROM public.contacts c WHERE c.id OPERATOR(pg_catalog.=) cid;
    IF who IS NULL OR who OPERATOR(pg_catalog.=) ''
       OR EXISTS (SELECT 1 FROM public.team_members m WHERE m.role OPERATOR(pg_catalog.=) who AND m.kind OPERATOR(pg_catalog.=) 'owner') THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME OPERATOR(pg_catalog.=) 'phones' THEN
        INSERT INTO public.possible_twins (contact_id, twin_id, reason)
        SELECT DISTINCT cid, p.contact_id, 'phone' FROM public.phones p JOIN public.contacts o ON o.id OPERATOR(pg_catalog.=) p.contact_id
        WHERE p.contact_id OPERATOR(pg_catalog.<>) cid AND o.assignee OPERATOR(pg_catalog.<>) who
          AND ((NEW.e164 OPERATOR(pg_catalog.<>) '' AND p.e164 OPERATOR(pg_catalog.=) NEW.e164)
               OR (NEW.e164 OPERATOR(pg_catalog.=) '' AND p.number OPERATOR(pg_catalog.=) NEW.number))
        ON CONFLICT DO NOTHING;
    ELSIF mail OPERATOR(pg_catalog.<>) '' THEN
        INSERT INTO public.possible_twins (contact_id, twin_id, reason)
        SELECT cid, o.id, 'e-mail' FROM public.contacts o
        WHERE o.id OPERATOR(pg_catalog.<>) cid AND o.assignee OPERATOR(pg_catalog.<>) who
          AND pg_catalog.lower(o.email) OPERATOR(pg_catalog.=) mail
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER phones_twins AFTER INSERT ON public.phones
    FOR EACH ROW EXECUTE FUNCTION public.rotate_flag_twins();
CREATE TRIGGER contacts_twins AFTER INSERT OR UPDATE OF email ON public.contacts
    FOR EACH ROW EXECUTE FUNCTION public.rotate_flag_twins();

-- The numbers removed from a contact, so that pushing or importing the
-- same contact again does not bring back a number someone took off it
-- (store: importPlan.fill). Kept by the trigger below, as the tables'
-- owner; read by whoever sees the contact; written by no member.
CREATE TABLE public.removed_phones (
    contact_id bigint NOT NULL REFERENCES public.contacts (id) ON DELETE CASCADE,
    number     text   NOT NULL,
    e164       text   NOT NULL DEFAULT '',
    PRIMARY KEY (contact_id, number)
);
ALTER TABLE public.removed_phones ENABLE ROW LEVEL SECURITY;
CREATE POLICY removed_phones_read ON public.removed_phones FOR SELECT
    USING ((SELECT public.rotate_is_owner())
        OR EXISTS (SELECT 1 FROM public.contacts c WHERE c.id OPERATOR(pg_catalog.=) removed_phones.contact_id));
INSERT INTO public.rotate_rights (tbl, kind, privs) VALUES
    ('removed_phones', 'owner', '{SELECT}'),
    ('removed_phones', 'assistant', '{SELECT}');

-- +goose StatementBegin
CREATE FUNCTION public.rotate_removed_phones() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP OPERATOR(pg_catalog.=) 'DELETE' THEN
        INSERT INTO public.removed_phones (contact_id, number, e164)
        SELECT OLD.contact_id, OLD.number, OLD.e164
        WHERE EXISTS (SELECT 1 FROM public.contacts c WHERE c.id OPERATOR(pg_catalog.=) OLD.contact_id)
        ON CONFLICT (contact_id, number) DO NOTHING;
        RETURN NULL;
    END IF;
    -- Put back (or typed again): no longer removed.
    DELETE FROM public.removed_phones r WHERE r.contact_id OPERATOR(pg_catalog.=) NEW.contact_id
        AND (r.number OPERATOR(pg_catalog.=) NEW.number
             OR (NEW.e164 OPERATOR(pg_catalog.<>) '' AND r.e164 OPERATOR(pg_catalog.=) NEW.e164));
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER phones_removed AFTER INSERT OR DELETE ON public.phones
    FOR EACH ROW EXECUTE FUNCTION public.rotate_removed_phones();

-- Contacts that left their assistant's reach before this migration: the
-- drafts nobody can read any more go to the holders now.
SELECT public.rotate_rehome_drafts(NULL, NULL);

SELECT public.rotate_regrant();

-- +goose Down
DROP TRIGGER phones_removed ON public.phones;
DROP FUNCTION public.rotate_removed_phones();
DELETE FROM public.rotate_rights WHERE tbl = 'removed_phones';
DROP TABLE public.removed_phones;
DROP TRIGGER contacts_twins ON public.contacts;
DROP TRIGGER phones_twins ON public.phones;
DROP FUNCTION public.rotate_flag_twins();
DELETE FROM public.rotate_rights WHERE tbl = 'possible_twins';
DROP TABLE public.possible_twins;
UPDATE public.rotate_rights SET privs = '{SELECT}' WHERE tbl = 'settings' AND kind = 'assistant';
DELETE FROM public.settings WHERE key LIKE 'away@%';
DROP POLICY settings_own_away ON public.settings;
DROP POLICY settings_owners ON public.settings;
DROP POLICY settings_read ON public.settings;
ALTER TABLE public.settings DISABLE ROW LEVEL SECURITY;
DROP TRIGGER contacts_reassigned ON public.contacts;
DROP TRIGGER team_members_notify ON public.team_members;
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION public.rotate_set_member(member text, member_kind text) RETURNS void LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    book_owner text := (SELECT pg_catalog.pg_get_userbyid(c.relowner)::text FROM pg_catalog.pg_class c
                        WHERE c.oid OPERATOR(pg_catalog.=) 'public.contacts'::regclass);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM public.team_members m
                   WHERE m.role OPERATOR(pg_catalog.=) SESSION_USER::text AND m.kind OPERATOR(pg_catalog.=) 'owner') THEN
        RAISE EXCEPTION 'only an owner can change who is in the team' USING ERRCODE = '42501';
    END IF;
    IF member_kind IS NULL OR member_kind NOT IN ('owner', 'assistant', 'none') THEN
        RAISE EXCEPTION 'a member is an owner or an assistant, not %', member_kind USING ERRCODE = '22023';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) member) THEN
        RAISE EXCEPTION 'there is no PostgreSQL role "%"', member USING ERRCODE = '42704';
    END IF;
    IF member OPERATOR(pg_catalog.=) book_owner AND member_kind OPERATOR(pg_catalog.<>) 'owner' THEN
        RAISE EXCEPTION '% set the book up and owns its tables, so stays an owner', member USING ERRCODE = '42501';
    END IF;
    IF member_kind OPERATOR(pg_catalog.<>) 'owner' AND member OPERATOR(pg_catalog.<>) book_owner
       AND NOT EXISTS (SELECT 1 FROM public.team_members m
                       WHERE m.kind OPERATOR(pg_catalog.=) 'owner' AND m.role OPERATOR(pg_catalog.<>) member) THEN
        RAISE EXCEPTION 'the team needs an owner' USING ERRCODE = '42501';
    END IF;
    IF member_kind OPERATOR(pg_catalog.=) 'none' THEN
        DELETE FROM public.team_members m WHERE m.role OPERATOR(pg_catalog.=) member;
        UPDATE public.contacts c SET assignee = '' WHERE c.assignee OPERATOR(pg_catalog.=) member;
    ELSE
        INSERT INTO public.team_members (role, kind) VALUES (member, member_kind)
        ON CONFLICT (role) DO UPDATE SET kind = excluded.kind;
    END IF;
    IF member OPERATOR(pg_catalog.<>) book_owner THEN
        PERFORM public.rotate_grant(member, member_kind);
    END IF;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION public.rotate_grant(member text, member_kind text) RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    who text := pg_catalog.quote_ident(member);
    r record;
    p text;
    cols text;
BEGIN
    PERFORM public.rotate_close_database();
    EXECUTE 'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ' || who;
    EXECUTE 'REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ' || who;
    EXECUTE 'REVOKE ALL ON FUNCTION public.rotate_is_owner(), public.rotate_set_member(text, text) FROM ' || who;
    IF pg_catalog.has_database_privilege(pg_catalog.current_database(), 'CONNECT WITH GRANT OPTION') THEN
        EXECUTE pg_catalog.format('REVOKE ALL ON DATABASE %I FROM %s', pg_catalog.current_database(), who);
    END IF;
    IF member_kind NOT IN ('owner', 'assistant') THEN
        BEGIN
            PERFORM pg_catalog.pg_terminate_backend(a.pid) FROM pg_catalog.pg_stat_activity a
            WHERE a.usename OPERATOR(pg_catalog.=) member
              AND a.datname OPERATOR(pg_catalog.=) pg_catalog.current_database();
        EXCEPTION WHEN insufficient_privilege THEN
            NULL;
        END;
        RETURN;
    END IF;
    FOR r IN SELECT rr.tbl, rr.privs FROM public.rotate_rights rr WHERE rr.kind OPERATOR(pg_catalog.=) member_kind LOOP
        FOREACH p IN ARRAY r.privs LOOP
            IF p IN ('INSERT', 'UPDATE') THEN
                SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO cols
                FROM pg_catalog.pg_attribute a
                WHERE a.attrelid OPERATOR(pg_catalog.=) pg_catalog.format('public.%I', r.tbl)::regclass
                  AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped
                  AND a.attidentity OPERATOR(pg_catalog.=) '' AND a.attgenerated OPERATOR(pg_catalog.=) ''
                  AND a.attname NOT IN ('logged_by', 'author', 'who');
                EXECUTE pg_catalog.format('GRANT %s (%s) ON public.%I TO %s', p, cols, r.tbl, who);
            ELSE
                EXECUTE pg_catalog.format('GRANT %s ON public.%I TO %s', p, r.tbl, who);
            END IF;
        END LOOP;
    END LOOP;
    EXECUTE 'GRANT EXECUTE ON FUNCTION public.rotate_is_owner() TO ' || who;
    IF member_kind OPERATOR(pg_catalog.=) 'owner' THEN
        EXECUTE 'GRANT EXECUTE ON FUNCTION public.rotate_set_member(text, text) TO ' || who;
    END IF;
    IF pg_catalog.has_database_privilege(pg_catalog.current_database(), 'CONNECT WITH GRANT OPTION') THEN
        EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %s', pg_catalog.current_database(), who);
    END IF;
END $$;
-- +goose StatementEnd
DROP FUNCTION public.rotate_hand_draft(bigint, text, text, text, text, text), public.rotate_reassigned(),
    public.rotate_rehome_drafts(bigint, text), public.rotate_give_draft(bigint, text, text, text, text, text, text),
    public.rotate_holder(bigint), public.rotate_reaches(text, bigint);
DROP TABLE public.reach_lost;
SELECT public.rotate_regrant();
