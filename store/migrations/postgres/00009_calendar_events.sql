-- +goose Up
-- The events of the calendar export (see migrations/sqlite/00013: the
-- same table and meanings). It follows the pattern of migration 00002:
-- schema-qualified names, row-level security (a member reads and writes
-- the events of the contacts they see, as for phones and calls), rights
-- through public.rotate_rights and public.rotate_regrant(); no function.
CREATE TABLE public.calendar_events (
    contact_id bigint  NOT NULL REFERENCES public.contacts (id) ON DELETE CASCADE,
    n          integer NOT NULL,
    start      text    NOT NULL,
    sequence   integer NOT NULL DEFAULT 0 CHECK (sequence BETWEEN 0 AND 1000000000),
    PRIMARY KEY (contact_id, n),
    -- A member may write the events of the contacts they see; the
    -- bounds keep one from making another's export fail (a SEQUENCE
    -- past what an int holds once did).
    CHECK (n >= 0 AND pg_catalog.length(start) <= 100)
);
ALTER TABLE public.calendar_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY calendar_events_team ON public.calendar_events
    USING ((SELECT public.rotate_is_owner()) OR EXISTS (SELECT 1 FROM public.contacts c WHERE c.id = calendar_events.contact_id))
    WITH CHECK ((SELECT public.rotate_is_owner()) OR EXISTS (SELECT 1 FROM public.contacts c WHERE c.id = calendar_events.contact_id));

INSERT INTO public.rotate_rights (tbl, kind, privs) VALUES
    ('calendar_events', 'owner',     '{SELECT,INSERT,UPDATE,DELETE}'),
    ('calendar_events', 'assistant', '{SELECT,INSERT,UPDATE}');

SELECT public.rotate_regrant();

-- +goose Down
DELETE FROM public.rotate_rights WHERE tbl = 'calendar_events';
DROP TABLE public.calendar_events;
SELECT public.rotate_regrant();
