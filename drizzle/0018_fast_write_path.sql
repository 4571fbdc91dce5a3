-- A faster write path (ADR 024): an organisation procedure enters its request's context in one
-- statement instead of three (the session, the organisation, the caller's athlete profile).
-- Hand-written: a function is beyond drizzle-kit.
--
-- app.enter_member_session(secret, slug) only composes what the app's role may already do, in the
-- order it did it: switch to the app role, app.enter_session (the session's user, or nobody),
-- the membership of the organisation named by `slug` read under that user's context,
-- app.enter_organisation (which checks the membership again), and the caller's athlete profile read
-- under the organisation's context. SECURITY INVOKER: it runs with the caller's rights and row-level
-- security, so it grants nothing new; it exists because one SQL statement cannot read under a context
-- it sets itself (a policy's context is read once per statement), while a function's statements can.
-- No row's organisation columns for an unknown session (user_id NULL) or a non-member (org_id NULL).
CREATE FUNCTION app.enter_member_session(p_secret text, p_slug text)
  RETURNS TABLE (user_id uuid, org_id uuid, org_slug text, org_name text, training_settings jsonb,
                 training_version integer, role text, athlete_id uuid)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
  v_user uuid;
  v_org_id uuid;
  v_slug text;
  v_name text;
  v_settings jsonb;
  v_version integer;
  v_role text;
BEGIN
  -- Transaction-local, as in withSession: also keeps a misconfigured owner connection restricted.
  PERFORM set_config('role', 'runbalance_app', true);
  v_user := app.enter_session(p_secret);
  IF v_user IS NOT NULL THEN
    SELECT o.id, o.slug, o.name, o.training_settings, o.training_version, m.role::text
      INTO v_org_id, v_slug, v_name, v_settings, v_version, v_role
      FROM public.memberships m JOIN public.organizations o ON o.id = m.org_id
      WHERE m.user_id = v_user AND o.slug = p_slug;
  END IF;
  IF v_user IS NULL OR v_role IS NULL OR NOT app.enter_organisation(v_org_id) THEN
    RETURN QUERY SELECT v_user, NULL::uuid, NULL::text, NULL::text, NULL::jsonb, NULL::integer, NULL::text, NULL::uuid;
    RETURN;
  END IF;
  RETURN QUERY SELECT v_user, v_org_id, v_slug, v_name, v_settings, v_version, v_role,
    (SELECT a.id FROM public.athletes a WHERE a.org_id = v_org_id AND a.user_id = v_user AND v_role = 'athlete' LIMIT 1);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.enter_member_session(text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.enter_member_session(text, text) TO runbalance_app;
