-- +goose Up
-- Corrections and erasure on a team book (see migrations/sqlite/00007:
-- the same tables and meanings), with what the database enforces:
-- an assistant corrects only the calls they logged, owners any; the
-- history of changes is written only by the trigger below, read by
-- members as they read calls, and changed by no one; only an owner
-- forgets a person, by inserting a request into public.forget_requests
-- (its triggers check and do the work). It follows the pattern of
-- migration 00002: pg_catalog-first search paths, schema-qualified names,
-- definer functions only where a member must not hold the right, rights
-- through public.rotate_rights and public.rotate_regrant().

ALTER TABLE public.calls ADD COLUMN prior text NOT NULL DEFAULT '';
CREATE INDEX calls_logged_by ON public.calls (logged_by, id);

CREATE TABLE public.call_revisions (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id    bigint NOT NULL,
    contact_id bigint NOT NULL,
    changed_at text   NOT NULL,
    changed_by text   NOT NULL,
    action     text   NOT NULL CHECK (action IN ('edit', 'move', 'delete', 'undo', 'merge')),
    at         text   NOT NULL,
    day        text   NOT NULL,
    kind       text   NOT NULL,
    outcome    text   NOT NULL,
    note       text   NOT NULL,
    next_due   text   NOT NULL,
    logged_by  text   NOT NULL,
    prior      text   NOT NULL,
    edited_at  text   NOT NULL,
    followups  text   NOT NULL DEFAULT ''
);
CREATE INDEX call_revisions_call ON public.call_revisions (call_id, id);
CREATE INDEX call_revisions_contact ON public.call_revisions (contact_id);

-- The calls removed (deleted or undone) and the contact each was on when
-- it was: what lets a member read a removed call's history (see
-- call_revisions_read). Written only by the trigger below.
CREATE TABLE public.removed_calls (
    call_id    bigint PRIMARY KEY,
    contact_id bigint NOT NULL
);

CREATE TABLE public.forgotten (
    hash text PRIMARY KEY,
    at   text NOT NULL
);

-- Who changes a call is the role running the statement; when, the
-- server's clock (a client's setting is not asked); what, the operation:
-- a DELETE is a delete, or an undo if the client says so; an UPDATE that
-- moves the call to another contact is a move, or a merge if the client
-- says so; any other UPDATE is an edit. A client can thus choose between
-- two names of the same operation, never relabel one as another or
-- date it. The revision is
-- written by a definer function (members may not write the history), in
-- which current_user is the book's owner; so a first trigger, running
-- as the member, hands its role on (a transaction-local setting it
-- always overwrites, so no one can pass another name), and the second,
-- named to fire after it, writes the revision.
-- +goose StatementBegin
CREATE FUNCTION public.rotate_revision_who() RETURNS trigger LANGUAGE plpgsql
SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM pg_catalog.set_config('rotate.changed_by', current_user::text, true);
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION public.rotate_keep_revision() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    asked text := pg_catalog.current_setting('rotate.action', true);
    act text;
    who text := pg_catalog.current_setting('rotate.changed_by', true);
    stamp text := pg_catalog.to_char(pg_catalog.statement_timestamp() AT TIME ZONE 'UTC',
        'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
    fu text;
BEGIN
    IF who IS NULL OR who = '' THEN
        RAISE EXCEPTION 'a call is changed only with its history kept' USING ERRCODE = '42501';
    END IF;
    IF TG_OP = 'DELETE' THEN
        act := CASE WHEN asked IS NOT DISTINCT FROM 'undo' THEN 'undo' ELSE 'delete' END;
        INSERT INTO public.removed_calls (call_id, contact_id) VALUES (OLD.id, OLD.contact_id)
        ON CONFLICT (call_id) DO UPDATE SET contact_id = EXCLUDED.contact_id;
    ELSIF OLD.contact_id OPERATOR(pg_catalog.<>) NEW.contact_id THEN
        act := CASE WHEN asked IS NOT DISTINCT FROM 'merge' THEN 'merge' ELSE 'move' END;
    ELSE
        act := 'edit';
        -- A version this very transaction wrote (the call it logged, or
        -- the one its correction already kept the old version of) was
        -- never seen by anyone: changing it again in place replaces
        -- nothing the history lacks. (A move still keeps its own.)
        IF EXISTS (SELECT 1 FROM public.calls k WHERE k.id OPERATOR(pg_catalog.=) OLD.id
                AND k.xmin OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id()::xid) THEN
            RETURN NEW;
        END IF;
    END IF;
    SELECT coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
            'id', f.id, 'text', f.text, 'created_at', f.created_at, 'created', f.created_call_id = OLD.id,
            'resolved_at', f.resolved_at, 'resolved', f.resolved_call_id = OLD.id) ORDER BY f.id)::text, '')
        INTO fu
        FROM public.followups f WHERE f.created_call_id = OLD.id OR f.resolved_call_id = OLD.id;
    INSERT INTO public.call_revisions (call_id, contact_id, changed_at, changed_by, action, at, day, kind,
        outcome, note, next_due, logged_by, prior, edited_at, followups)
    VALUES (OLD.id, OLD.contact_id, stamp,
        who, act, OLD.at, OLD.day, OLD.kind, OLD.outcome, OLD.note, OLD.next_due, OLD.logged_by, OLD.prior,
        OLD.edited_at, fu);
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd

-- Every column of a call but its id is watched: whatever a member may
-- change of a call they may correct keeps the version it replaced.
CREATE TRIGGER calls_revision_1_who BEFORE DELETE OR UPDATE OF contact_id, at, day, kind, outcome, note,
    next_due, logged_by, prior, edited_at
    ON public.calls FOR EACH ROW EXECUTE FUNCTION public.rotate_revision_who();
CREATE TRIGGER calls_revision_2_keep BEFORE DELETE OR UPDATE OF contact_id, at, day, kind, outcome, note,
    next_due, logged_by, prior, edited_at
    ON public.calls FOR EACH ROW EXECUTE FUNCTION public.rotate_keep_revision();

-- Corrections: an assistant changes or removes only the calls they
-- logged (and only on contacts they see, by calls_team); owners any.
CREATE POLICY calls_correct_update ON public.calls AS RESTRICTIVE FOR UPDATE
    USING ((SELECT public.rotate_is_owner()) OR logged_by = current_user);
CREATE POLICY calls_correct_delete ON public.calls AS RESTRICTIVE FOR DELETE
    USING ((SELECT public.rotate_is_owner()) OR logged_by = current_user);
-- Undo takes back the streak day the call cleared: one's own, as
-- cleared_days_own (00002) has it.

-- The history: all of a call's versions are read by whoever may see the
-- call as it is now, and by no one else (owners read all). Not by the
-- contact a version was on: a call moved from Sam (not an assistant's)
-- to Alice (theirs) and back would otherwise show them the versions it
-- had on Sam, notes included, after it went back out of their sight. A
-- removed call is no longer anywhere; its history is read by whoever may
-- see the contact it was removed from, that is by exactly those who saw
-- it just before (a call is seen with its contact, calls_team), as if it
-- were still there; once it is gone, a later change of who sees that
-- contact moves the right with it, as it would for a live call. The
-- contact is taken from removed_calls, not from the revisions
-- themselves (a policy may not read its own table). No policy lets
-- anyone write, change or remove a row (the table's owner, running the
-- definer functions, is the only writer).
ALTER TABLE public.call_revisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY call_revisions_read ON public.call_revisions FOR SELECT
    USING ((SELECT public.rotate_is_owner())
        OR EXISTS (SELECT 1 FROM public.calls k WHERE k.id OPERATOR(pg_catalog.=) call_revisions.call_id)
        OR EXISTS (SELECT 1 FROM public.removed_calls g WHERE g.call_id OPERATOR(pg_catalog.=) call_revisions.call_id));
ALTER TABLE public.removed_calls ENABLE ROW LEVEL SECURITY;
CREATE POLICY removed_calls_read ON public.removed_calls FOR SELECT
    USING ((SELECT public.rotate_is_owner())
        OR EXISTS (SELECT 1 FROM public.contacts c WHERE c.id OPERATOR(pg_catalog.=) removed_calls.contact_id));
-- +goose StatementBegin
CREATE FUNCTION public.rotate_revisions_append_only() RETURNS trigger LANGUAGE plpgsql
SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF pg_catalog.current_setting('rotate.forgetting', true) IS DISTINCT FROM 'yes' OR TG_OP <> 'DELETE' THEN
        RAISE EXCEPTION 'the history of changes cannot be rewritten' USING ERRCODE = '42501';
    END IF;
    RETURN OLD;
END $$;
-- +goose StatementEnd
CREATE TRIGGER call_revisions_append_only BEFORE UPDATE OR DELETE ON public.call_revisions
    FOR EACH ROW EXECUTE FUNCTION public.rotate_revisions_append_only();

ALTER TABLE public.forgotten ENABLE ROW LEVEL SECURITY;
CREATE POLICY forgotten_read ON public.forgotten FOR SELECT USING (true);

-- Forget: only an owner, and only this way, removes a person's history
-- of changes along with everything else about them. An owner inserts
-- (contact_id, hashes, stamp) into forget_requests; the first trigger,
-- running as the owner, checks that they are one; the second, running as
-- the tables' owner, removes everything and the row itself is never
-- stored. What it removed is left in the setting rotate.forgot
-- ("calls followups drafts revisions") for the rest of the transaction.
CREATE TABLE public.forget_requests (
    contact_id bigint NOT NULL,
    hashes     text[] NOT NULL DEFAULT '{}',
    stamp      text   NOT NULL DEFAULT ''
);
ALTER TABLE public.forget_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY forget_requests_owners ON public.forget_requests FOR INSERT
    WITH CHECK ((SELECT public.rotate_is_owner()));

-- +goose StatementBegin
CREATE FUNCTION public.rotate_forget_check() RETURNS trigger LANGUAGE plpgsql
SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT public.rotate_is_owner() THEN
        RAISE EXCEPTION 'only an owner can forget a person' USING ERRCODE = '42501';
    END IF;
    PERFORM pg_catalog.set_config('rotate.changed_by', CURRENT_USER::text, true);
    PERFORM pg_catalog.set_config('rotate.forget_ok', NEW.contact_id::text, true);
    RETURN NEW;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION public.rotate_forget() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    target bigint := NEW.contact_id;
    n_calls bigint;
    n_followups bigint;
    n_drafts bigint;
    n_revisions bigint;
BEGIN
    IF pg_catalog.current_setting('rotate.forget_ok', true) IS DISTINCT FROM target::text THEN
        RAISE EXCEPTION 'only an owner can forget a person' USING ERRCODE = '42501';
    END IF;
    PERFORM pg_catalog.set_config('rotate.forget_ok', '', true);
    IF NOT EXISTS (SELECT 1 FROM public.contacts c WHERE c.id OPERATOR(pg_catalog.=) target) THEN
        RAISE EXCEPTION 'no contact #%', target USING ERRCODE = 'P0002';
    END IF;
    PERFORM pg_catalog.set_config('rotate.forgetting', 'yes', true);
    DELETE FROM public.followups f WHERE f.contact_id OPERATOR(pg_catalog.=) target;
    GET DIAGNOSTICS n_followups = ROW_COUNT;
    DELETE FROM public.drafts d WHERE d.contact_id OPERATOR(pg_catalog.=) target;
    GET DIAGNOSTICS n_drafts = ROW_COUNT;
    DELETE FROM public.calls k WHERE k.contact_id OPERATOR(pg_catalog.=) target;
    GET DIAGNOSTICS n_calls = ROW_COUNT;
    DELETE FROM public.call_revisions r WHERE r.contact_id OPERATOR(pg_catalog.=) target
        OR r.call_id IN (SELECT r2.call_id FROM public.call_revisions r2 WHERE r2.contact_id OPERATOR(pg_catalog.=) target);
    GET DIAGNOSTICS n_revisions = ROW_COUNT;
    DELETE FROM public.removed_calls g WHERE g.contact_id OPERATOR(pg_catalog.=) target
        OR NOT EXISTS (SELECT 1 FROM public.call_revisions r WHERE r.call_id OPERATOR(pg_catalog.=) g.call_id);
    -- Less the versions the trigger kept of the calls just removed.
    n_revisions := n_revisions OPERATOR(pg_catalog.-) n_calls;
    DELETE FROM public.contacts c WHERE c.id OPERATOR(pg_catalog.=) target;
    INSERT INTO public.forgotten (hash, at) SELECT h, NEW.stamp FROM pg_catalog.unnest(NEW.hashes) AS h
    ON CONFLICT (hash) DO NOTHING;
    PERFORM pg_catalog.set_config('rotate.forgetting', '', true);
    PERFORM pg_catalog.set_config('rotate.forgot',
        pg_catalog.concat_ws(' ', n_calls, n_followups, n_drafts, n_revisions), true);
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER forget_requests_1_check BEFORE INSERT ON public.forget_requests
    FOR EACH ROW EXECUTE FUNCTION public.rotate_forget_check();
CREATE TRIGGER forget_requests_2_erase BEFORE INSERT ON public.forget_requests
    FOR EACH ROW EXECUTE FUNCTION public.rotate_forget();

-- The rights (00002's rule 3): everyone reads the history as RLS lets
-- them and the tombstones; an assistant now also changes and removes
-- (their own, by the policies above) calls, the streak days and the
-- follow-ups an undo takes back; owners ask to forget.
INSERT INTO public.rotate_rights (tbl, kind, privs) VALUES
    ('call_revisions',  'owner',     '{SELECT}'),
    ('call_revisions',  'assistant', '{SELECT}'),
    ('removed_calls',   'owner',     '{SELECT}'),
    ('removed_calls',   'assistant', '{SELECT}'),
    ('forgotten',       'owner',     '{SELECT}'),
    ('forgotten',       'assistant', '{SELECT}'),
    ('forget_requests', 'owner',     '{INSERT}');
UPDATE public.rotate_rights SET privs = '{SELECT,INSERT,UPDATE,DELETE}' WHERE tbl = 'calls' AND kind = 'assistant';
UPDATE public.rotate_rights SET privs = '{SELECT,INSERT,UPDATE,DELETE}' WHERE tbl = 'followups' AND kind = 'assistant';
UPDATE public.rotate_rights SET privs = '{SELECT,INSERT,DELETE}' WHERE tbl = 'cleared_days' AND kind = 'assistant';

SELECT public.rotate_regrant();

-- +goose Down
DELETE FROM public.rotate_rights WHERE tbl IN ('call_revisions', 'removed_calls', 'forgotten', 'forget_requests');
UPDATE public.rotate_rights SET privs = '{SELECT,INSERT}' WHERE tbl = 'calls' AND kind = 'assistant';
UPDATE public.rotate_rights SET privs = '{SELECT,INSERT,UPDATE}' WHERE tbl = 'followups' AND kind = 'assistant';
UPDATE public.rotate_rights SET privs = '{SELECT,INSERT}' WHERE tbl = 'cleared_days' AND kind = 'assistant';
DROP TABLE public.forget_requests;
DROP FUNCTION public.rotate_forget(), public.rotate_forget_check();
DROP TABLE public.forgotten;
DROP TABLE public.call_revisions;
DROP TABLE public.removed_calls;
DROP FUNCTION public.rotate_revisions_append_only();
DROP POLICY calls_correct_delete ON public.calls;
DROP POLICY calls_correct_update ON public.calls;
DROP TRIGGER calls_revision_2_keep ON public.calls;
DROP TRIGGER calls_revision_1_who ON public.calls;
DROP FUNCTION public.rotate_keep_revision(), public.rotate_revision_who();
DROP INDEX public.calls_logged_by;
ALTER TABLE public.calls DROP COLUMN prior;
SELECT public.rotate_regrant();
