-- +goose Up
-- Hardening against a hostile member with psql. THE PATTERN, for this and
-- every later migration:
--  1. Every function sets search_path = pg_catalog, pg_temp (pg_temp last,
--     explicitly) and names the book's objects schema-qualified
--     (public.team_members, public.rotate_is_owner()); with pg_catalog
--     first and no schema a member can write to on the path, no table,
--     function or operator of the caller's (temporary or in a schema of
--     theirs) is ever picked.
--  2. SECURITY DEFINER only when the caller must not hold the right
--     itself (membership, the leveler's summaries); every function is
--     REVOKEd FROM PUBLIC (CREATE FUNCTION gives EXECUTE to PUBLIC) and
--     granted by public.rotate_grant only to the kind of member who calls
--     it (rotate_is_owner: members; rotate_set_member: owners). Trigger
--     functions need no grant to fire.
--  3. No member has a right on a table but through public.rotate_grant,
--     which reads public.rotate_rights: INSERT and UPDATE are granted on
--     columns, never on identity ids, generated columns or the columns
--     that say who did it (logged_by, author, who: their default is
--     current_user); nobody but the book's owner writes team_members,
--     book_version, plan_groups or goose_db_version; no sequence rights.
--  4. Ids: GENERATED ALWAYS AS IDENTITY (never chosen by a client, no
--     setval by anyone but the owner).
--  5. A new table: enable row-level security with policies whose
--     expressions call only functions as in 1 (and with a WITH CHECK that
--     ties "who" columns to CURRENT_USER), add its rows to
--     public.rotate_rights, and end the migration with
--     SELECT public.rotate_regrant(); which also takes EXECUTE on every
--     function of the book away from PUBLIC.

-- What each kind of member may do on each table (rule 3).
CREATE TABLE rotate_rights (
    tbl   text NOT NULL,
    kind  text NOT NULL CHECK (kind IN ('owner', 'assistant')),
    privs text[] NOT NULL,
    PRIMARY KEY (tbl, kind)
);
REVOKE ALL ON rotate_rights FROM PUBLIC;
INSERT INTO rotate_rights (tbl, kind, privs) VALUES
    ('contacts',         'owner',     '{SELECT,INSERT,UPDATE,DELETE}'),
    ('phones',           'owner',     '{SELECT,INSERT,UPDATE,DELETE}'),
    ('tags',             'owner',     '{SELECT,INSERT,UPDATE,DELETE}'),
    ('calls',            'owner',     '{SELECT,INSERT,UPDATE,DELETE}'),
    ('followups',        'owner',     '{SELECT,INSERT,UPDATE,DELETE}'),
    ('drafts',           'owner',     '{SELECT,INSERT,UPDATE,DELETE}'),
    ('settings',         'owner',     '{SELECT,INSERT,UPDATE,DELETE}'),
    ('cleared_days',     'owner',     '{SELECT,INSERT,DELETE}'),
    ('team_members',     'owner',     '{SELECT}'),
    ('book_version',     'owner',     '{SELECT}'),
    ('plan_groups',      'owner',     '{SELECT}'),
    ('goose_db_version', 'owner',     '{SELECT}'),
    -- What logging calls on one's own contacts takes, and no more: no
    -- deleting contacts, no rewriting calls, reading the book's settings
    -- and the team but not changing them.
    ('contacts',         'assistant', '{SELECT,INSERT,UPDATE}'),
    ('followups',        'assistant', '{SELECT,INSERT,UPDATE}'),
    ('phones',           'assistant', '{SELECT,INSERT,DELETE}'),
    ('tags',             'assistant', '{SELECT,INSERT,DELETE}'),
    ('calls',            'assistant', '{SELECT,INSERT}'),
    ('cleared_days',     'assistant', '{SELECT,INSERT}'),
    ('drafts',           'assistant', '{SELECT,INSERT,UPDATE,DELETE}'),
    ('settings',         'assistant', '{SELECT}'),
    ('team_members',     'assistant', '{SELECT}'),
    ('book_version',     'assistant', '{SELECT}'),
    ('plan_groups',      'assistant', '{SELECT}'),
    ('goose_db_version', 'assistant', '{SELECT}');

-- Ids are the server's: an INSERT naming one is refused (the columns are
-- not granted), so nobody can take the ids the next writes will get.
ALTER TABLE contacts ALTER COLUMN id SET GENERATED ALWAYS;
ALTER TABLE calls ALTER COLUMN id SET GENERATED ALWAYS;
ALTER TABLE followups ALTER COLUMN id SET GENERATED ALWAYS;

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION rotate_is_owner() RETURNS boolean LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM public.team_members m
                   WHERE m.role OPERATOR(pg_catalog.=) CURRENT_USER::text
                     AND m.kind OPERATOR(pg_catalog.=) 'owner'::text)
$$;
-- +goose StatementEnd

-- The database itself: closed to roles outside the team (CONNECT, and
-- with it LISTEN, cannot be narrowed otherwise), no temporary objects,
-- no one creating objects in the schema public. Only who may (the
-- database's or the schema's owner) does it; run at every change of
-- membership, since a database copied from another does not keep these.
-- This function, rotate_grant and rotate_regrant run with their caller's
-- rights, and only the book's owner may call them (directly, at team
-- init, or from inside rotate_set_member).
-- +goose StatementBegin
CREATE FUNCTION rotate_close_database() RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    f record;
BEGIN
    IF pg_catalog.pg_has_role((SELECT d.datdba FROM pg_catalog.pg_database d
                               WHERE d.datname OPERATOR(pg_catalog.=) pg_catalog.current_database()), 'MEMBER') THEN
        EXECUTE pg_catalog.format('REVOKE ALL ON DATABASE %I FROM PUBLIC', pg_catalog.current_database());
    END IF;
    IF pg_catalog.pg_has_role((SELECT n.nspowner FROM pg_catalog.pg_namespace n
                               WHERE n.nspname OPERATOR(pg_catalog.=) 'public'), 'MEMBER') THEN
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    END IF;
    -- A function is PUBLIC's to call when made; the book's are not
    -- (the extensions' stay as they are).
    FOR f IN SELECT p.oid::regprocedure AS sig FROM pg_catalog.pg_proc p
             WHERE p.pronamespace OPERATOR(pg_catalog.=) 'public'::regnamespace
               AND p.proowner OPERATOR(pg_catalog.=) (SELECT c.relowner FROM pg_catalog.pg_class c
                                                      WHERE c.oid OPERATOR(pg_catalog.=) 'public.contacts'::regclass)
               AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                               WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::regclass
                                 AND d.objid OPERATOR(pg_catalog.=) p.oid AND d.deptype OPERATOR(pg_catalog.=) 'e') LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f.sig);
    END LOOP;
END $$;
-- +goose StatementEnd

-- The rights of one member, all granted by the book's owner (the caller,
-- or the definer of rotate_set_member): what public.rotate_rights gives
-- its kind, the functions its kind calls and the right to connect; 'none'
-- takes every one of them.
-- +goose StatementBegin
CREATE FUNCTION rotate_grant(member text, member_kind text) RETURNS void LANGUAGE plpgsql
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
        -- Sessions still open would keep listening: end them, where the
        -- book's owner may (a superuser, or a member of pg_signal_backend).
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

-- Every member's rights again, as public.rotate_rights says now: the end
-- of each migration that adds a table or changes the rights.
-- +goose StatementBegin
CREATE FUNCTION rotate_regrant() RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    m record;
BEGIN
    PERFORM public.rotate_close_database();
    FOR m IN SELECT tm.role, tm.kind FROM public.team_members tm
             WHERE tm.role OPERATOR(pg_catalog.<>) (SELECT pg_catalog.pg_get_userbyid(c.relowner)::text FROM pg_catalog.pg_class c
                                                    WHERE c.oid OPERATOR(pg_catalog.=) 'public.contacts'::regclass)
               AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) tm.role) LOOP
        PERFORM public.rotate_grant(m.role, m.kind);
    END LOOP;
END $$;
-- +goose StatementEnd

-- Membership and rights change only through this function, which runs
-- with the rights of whoever set the book up (its tables' owner), so that
-- every grant has that one grantor. The caller must be an owner
-- (session_user: inside the function current_user is the definer). kind
-- 'none' removes a member; their contacts become nobody's. The book's
-- owner stays an owner.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION rotate_set_member(member text, member_kind text) RETURNS void LANGUAGE plpgsql
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

-- The leveler's summaries and the book's version, kept by their owner.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION rotate_bump_version() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    UPDATE public.book_version SET version = version OPERATOR(pg_catalog.+) 1 WHERE id OPERATOR(pg_catalog.=) 1;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION rotate_plan_groups() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    left_in_group integer;
BEGIN
    IF TG_OP OPERATOR(pg_catalog.<>) 'INSERT' THEN
        IF OLD.status OPERATOR(pg_catalog.=) 'active' AND OLD.due IS NOT NULL THEN
            UPDATE public.plan_groups g SET n = g.n OPERATOR(pg_catalog.-) 1
            WHERE g.assignee OPERATOR(pg_catalog.=) OLD.assignee AND g.due OPERATOR(pg_catalog.=) OLD.due
              AND g.rule OPERATOR(pg_catalog.=) OLD.rule AND g.override_rule OPERATOR(pg_catalog.=) OLD.override_rule
              AND g.override_until OPERATOR(pg_catalog.=) OLD.override_until
              AND g.attempts OPERATOR(pg_catalog.=) OLD.attempts AND g.step OPERATOR(pg_catalog.=) OLD.step
            RETURNING g.n INTO left_in_group;
            IF left_in_group OPERATOR(pg_catalog.=) 0 THEN
                DELETE FROM public.plan_groups g
                WHERE g.assignee OPERATOR(pg_catalog.=) OLD.assignee AND g.due OPERATOR(pg_catalog.=) OLD.due
                  AND g.rule OPERATOR(pg_catalog.=) OLD.rule AND g.override_rule OPERATOR(pg_catalog.=) OLD.override_rule
                  AND g.override_until OPERATOR(pg_catalog.=) OLD.override_until
                  AND g.attempts OPERATOR(pg_catalog.=) OLD.attempts AND g.step OPERATOR(pg_catalog.=) OLD.step
                  AND g.n OPERATOR(pg_catalog.=) 0;
            END IF;
        END IF;
    END IF;
    IF TG_OP OPERATOR(pg_catalog.<>) 'DELETE' THEN
        IF NEW.status OPERATOR(pg_catalog.=) 'active' AND NEW.due IS NOT NULL THEN
            INSERT INTO public.plan_groups AS g (assignee, due, rule, override_rule, override_until, attempts, step, n)
            VALUES (NEW.assignee, NEW.due, NEW.rule, NEW.override_rule, NEW.override_until, NEW.attempts, NEW.step, 1)
            ON CONFLICT (assignee, due, rule, override_rule, override_until, attempts, step)
            DO UPDATE SET n = g.n OPERATOR(pg_catalog.+) 1;
        END IF;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION rotate_default_assignee() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NEW.assignee OPERATOR(pg_catalog.=) '' AND NOT public.rotate_is_owner() THEN
        NEW.assignee := CURRENT_USER;
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION rotate_notify() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM pg_catalog.pg_notify('rotate_changed', TG_TABLE_NAME);
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- Triggers need no EXECUTE right to fire; members get the two functions
-- they call from public.rotate_grant, nobody else any.
REVOKE ALL ON FUNCTION rotate_is_owner(), rotate_set_member(text, text), rotate_bump_version(),
    rotate_plan_groups(), rotate_default_assignee(), rotate_notify(), rotate_close_database(),
    rotate_grant(text, text), rotate_regrant() FROM PUBLIC;

-- A streak is its person's: owners read everyone's, each writes only
-- their own.
DROP POLICY cleared_days_team ON cleared_days;
CREATE POLICY cleared_days_own ON cleared_days
    USING (who = CURRENT_USER) WITH CHECK (who = CURRENT_USER);
CREATE POLICY cleared_days_owners_read ON cleared_days FOR SELECT
    USING ((SELECT public.rotate_is_owner()));

-- A follow-up points only at calls its writer may see: whether a call
-- of someone else's contact exists is not the writer's to learn (the
-- foreign key would tell).
DROP POLICY followups_team ON followups;
CREATE POLICY followups_team ON followups
    USING ((SELECT public.rotate_is_owner()) OR EXISTS (SELECT 1 FROM public.contacts c WHERE c.id = followups.contact_id))
    WITH CHECK ((SELECT public.rotate_is_owner()) OR
        EXISTS (SELECT 1 FROM public.contacts c WHERE c.id = followups.contact_id)
        AND (followups.created_call_id IS NULL OR EXISTS (SELECT 1 FROM public.calls k WHERE k.id = followups.created_call_id))
        AND (followups.resolved_call_id IS NULL OR EXISTS (SELECT 1 FROM public.calls k WHERE k.id = followups.resolved_call_id)));

SELECT rotate_regrant();

-- +goose Down
-- Back to schema 1: its functions and rights as they were.
DROP POLICY followups_team ON followups;
CREATE POLICY followups_team ON followups
    USING ((SELECT rotate_is_owner()) OR EXISTS (SELECT 1 FROM contacts c WHERE c.id = followups.contact_id));
DROP POLICY cleared_days_owners_read ON cleared_days;
DROP POLICY cleared_days_own ON cleared_days;
CREATE POLICY cleared_days_team ON cleared_days
    USING ((SELECT rotate_is_owner()) OR who = current_user)
    WITH CHECK (who = current_user);
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION rotate_is_owner() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM team_members WHERE role = current_user AND kind = 'owner')
$$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION rotate_set_member(member text, member_kind text) RETURNS void LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    who text := quote_ident(member);
    book_owner text := (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'contacts');
BEGIN
    IF NOT EXISTS (SELECT 1 FROM team_members WHERE role = session_user AND kind = 'owner') THEN
        RAISE EXCEPTION 'only an owner can change who is in the team' USING ERRCODE = '42501';
    END IF;
    IF member_kind NOT IN ('owner', 'assistant', 'none') THEN
        RAISE EXCEPTION 'a member is an owner or an assistant, not %', member_kind USING ERRCODE = '22023';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = member) THEN
        RAISE EXCEPTION 'there is no PostgreSQL role "%"', member USING ERRCODE = '42704';
    END IF;
    IF member = book_owner AND member_kind <> 'owner' THEN
        RAISE EXCEPTION '% set the book up and owns its tables, so stays an owner', member USING ERRCODE = '42501';
    END IF;
    IF member_kind <> 'owner' AND member <> book_owner
       AND NOT EXISTS (SELECT 1 FROM team_members WHERE kind = 'owner' AND role <> member) THEN
        RAISE EXCEPTION 'the team needs an owner' USING ERRCODE = '42501';
    END IF;
    IF member <> book_owner THEN
        EXECUTE 'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ' || who;
        EXECUTE 'REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ' || who;
    END IF;
    IF member_kind = 'none' THEN
        DELETE FROM team_members WHERE role = member;
        UPDATE contacts SET assignee = '' WHERE assignee = member;
        RETURN;
    END IF;
    INSERT INTO team_members (role, kind) VALUES (member, member_kind)
    ON CONFLICT (role) DO UPDATE SET kind = excluded.kind;
    IF member = book_owner THEN
        RETURN;
    END IF;
    IF member_kind = 'owner' THEN
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ' || who;
    ELSE
        -- What logging calls on one's own contacts takes, and no more: no
        -- deleting contacts, no rewriting calls, reading the book's
        -- settings and the team but not changing them.
        EXECUTE 'GRANT SELECT, INSERT, UPDATE ON contacts, followups TO ' || who;
        EXECUTE 'GRANT SELECT, INSERT, DELETE ON phones, tags TO ' || who;
        EXECUTE 'GRANT SELECT, INSERT ON calls, cleared_days TO ' || who;
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON drafts TO ' || who;
        EXECUTE 'GRANT SELECT ON settings, team_members, book_version, plan_groups, goose_db_version TO ' || who;
    END IF;
    EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ' || who;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION rotate_bump_version() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE book_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION rotate_plan_groups() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    left_in_group integer;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF OLD.status = 'active' AND OLD.due IS NOT NULL THEN
            -- One statement takes the row's lock and counts down, so two
            -- people moving calls of one group at once take turns; the
            -- last one out removes the row.
            UPDATE plan_groups SET n = n - 1 WHERE assignee = OLD.assignee AND due = OLD.due AND rule = OLD.rule
              AND override_rule = OLD.override_rule AND override_until = OLD.override_until
              AND attempts = OLD.attempts AND step = OLD.step
            RETURNING n INTO left_in_group;
            IF left_in_group = 0 THEN
                DELETE FROM plan_groups WHERE assignee = OLD.assignee AND due = OLD.due AND rule = OLD.rule
                  AND override_rule = OLD.override_rule AND override_until = OLD.override_until
                  AND attempts = OLD.attempts AND step = OLD.step AND n = 0;
            END IF;
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF NEW.status = 'active' AND NEW.due IS NOT NULL THEN
            INSERT INTO plan_groups (assignee, due, rule, override_rule, override_until, attempts, step, n)
            VALUES (NEW.assignee, NEW.due, NEW.rule, NEW.override_rule, NEW.override_until, NEW.attempts, NEW.step, 1)
            ON CONFLICT (assignee, due, rule, override_rule, override_until, attempts, step)
            DO UPDATE SET n = plan_groups.n + 1;
        END IF;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION rotate_default_assignee() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.assignee = '' AND NOT rotate_is_owner() THEN
        NEW.assignee := current_user;
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION rotate_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('rotate_changed', TG_TABLE_NAME);
    RETURN NULL;
END $$;
-- +goose StatementEnd
GRANT EXECUTE ON FUNCTION rotate_is_owner(), rotate_set_member(text, text), rotate_bump_version(),
    rotate_plan_groups(), rotate_default_assignee(), rotate_notify() TO PUBLIC;
DROP FUNCTION rotate_regrant(), rotate_grant(text, text), rotate_close_database();
DROP TABLE rotate_rights;
ALTER TABLE contacts ALTER COLUMN id SET GENERATED BY DEFAULT;
ALTER TABLE calls ALTER COLUMN id SET GENERATED BY DEFAULT;
ALTER TABLE followups ALTER COLUMN id SET GENERATED BY DEFAULT;
