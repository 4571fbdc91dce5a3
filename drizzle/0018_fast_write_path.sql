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
--> statement-breakpoint
-- What logging a run reads before it writes (readRunLogBasis in src/server/data/runs.ts), as one
-- json value: the athlete's context (athleteContexts' columns), the answer stored under the key, whether
-- the planned session named is the athlete's, and the rows judging the week of the run's date (runs
-- from p_runs_from, the rest from p_from, all to p_to; published plans only). A function so that its
-- plan is prepared once per connection (PL/pgSQL caches it) rather than planned on every request: the
-- statement joins seven tables under row-level security, and planning it cost more than running it.
-- SECURITY INVOKER: it reads as the caller, under the caller's row-level security. The json keys are
-- the data layer's field names, decoded there with each column's own decoder (json-rows.ts).
CREATE FUNCTION app.run_log_basis(p_org uuid, p_user uuid, p_key uuid, p_athlete uuid, p_planned_session uuid,
                                  p_runs_from date, p_from date, p_to date)
  RETURNS json LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_basis json;
BEGIN
  SELECT json_build_object(
    'athlete', (
      SELECT json_build_object('athleteId', a.id, 'userId', a.user_id, 'displayName', a.display_name,
               'trainingSettings', a.training_settings, 'raceDistanceM', a.race_distance_m,
               'raceTimeS', a.race_time_s, 'joinedAt', a.created_at, 'trainingVersion', a.training_version,
               'coachUserIds', (SELECT coalesce(array_agg(c.coach_user_id), '{}') FROM public.coach_assignments c
                                WHERE c.org_id = a.org_id AND c.athlete_id = a.id),
               'timeZone', u.time_zone, 'weekStartDay', u.week_start_day, 'units', u.units)
      FROM public.athletes a JOIN public.users u ON u.id = a.user_id
      WHERE a.org_id = p_org AND a.id = p_athlete),
    'earlier', (
      SELECT json_build_object('requestHash', k.request_hash, 'response', k.response)
      FROM public.idempotency_keys k WHERE k.org_id = p_org AND k.user_id = p_user AND k.key = p_key),
    'plannedSessionFound', p_planned_session IS NULL OR EXISTS (
      SELECT 1 FROM public.planned_sessions s
      WHERE s.org_id = p_org AND s.athlete_id = p_athlete AND s.id = p_planned_session),
    'runs', (
      SELECT coalesce(json_agg(json_build_object('athleteId', r.athlete_id, 'id', r.id, 'localDate', r.local_date,
               'kind', r.kind, 'durationS', r.duration_s, 'distanceM', r.distance_m, 'rpe', r.rpe,
               'plannedSessionId', r.planned_session_id, 'startedAt', r.started_at)
             ORDER BY r.local_date, r.started_at), '[]')
      FROM public.runs r
      WHERE r.org_id = p_org AND r.athlete_id = p_athlete AND r.local_date BETWEEN p_runs_from AND p_to),
    'planned', (
      SELECT coalesce(json_agg(json_build_object('athleteId', s.athlete_id, 'id', s.id, 'date', s.date, 'kind', s.kind,
               'durationMin', s.duration_min, 'distanceM', s.distance_m, 'targetRpe', s.target_rpe,
               'description', s.description, 'structure', s.structure, 'position', s.position,
               'weekStatus', w.status)
             ORDER BY s.date, s.position), '[]')
      FROM public.planned_sessions s JOIN public.planned_weeks w ON w.org_id = s.org_id AND w.id = s.week_id
      WHERE s.org_id = p_org AND s.athlete_id = p_athlete AND s.date BETWEEN p_from AND p_to
        AND w.athlete_id = p_athlete AND w.week_start BETWEEN p_from - 6 AND p_to AND w.status = 'published'),
    'phases', (
      SELECT coalesce(json_agg(json_build_object('id', p.id, 'athleteId', p.athlete_id, 'name', p.name,
               'startDate', p.start_date, 'endDate', p.end_date, 'settings', p.settings)
             ORDER BY p.start_date), '[]')
      FROM public.training_phases p
      WHERE p.org_id = p_org AND p.athlete_id = p_athlete AND p.start_date <= p_to AND p.end_date >= p_from),
    'excused', (
      SELECT coalesce(json_agg(json_build_object('athleteId', e.athlete_id, 'date', e.date, 'reason', e.reason,
               'note', e.note)
             ORDER BY e.date), '[]')
      FROM public.excused_days e
      WHERE e.org_id = p_org AND e.athlete_id = p_athlete AND e.date BETWEEN p_from AND p_to)
  ) INTO v_basis;
  RETURN v_basis;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.run_log_basis(uuid, uuid, uuid, uuid, uuid, date, date, date) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.run_log_basis(uuid, uuid, uuid, uuid, uuid, date, date, date) TO runbalance_app;
--> statement-breakpoint
-- Saves a logged run (saveLoggedRun in src/server/data/runs.ts): claims the idempotency key with the
-- answer already in it, and only when the claim succeeds inserts the run, records the coaches'
-- notifications and enqueues their mail job (as notify does; app.enqueue_job checks the organisation).
-- When the key was taken (a concurrent request with the same key, whose row lock this one waited on)
-- nothing is written and the earlier request's hash and answer are returned: each statement of a
-- function sees what committed before it began, so the answer is read here, not in another round trip.
-- A function for the same reason as app.run_log_basis: planned once per connection. SECURITY INVOKER.
-- Rows come as json keyed by column names (columnRecordOf in src/server/data/json-rows.ts).
CREATE FUNCTION app.save_logged_run(p_org uuid, p_user uuid, p_key uuid, p_request_hash text, p_response jsonb,
                                    p_run jsonb, p_notifications jsonb, p_mail_job jsonb)
  -- No SET search_path: the runs table's triggers (0007) name their tables unqualified and run with
  -- the search path of the statement that fired them. An invoker's function gains nothing from one.
  RETURNS json LANGUAGE plpgsql VOLATILE SECURITY INVOKER AS $$
DECLARE
  v_earlier json;
BEGIN
  INSERT INTO public.idempotency_keys (org_id, user_id, key, request_hash, response)
    VALUES (p_org, p_user, p_key, p_request_hash, p_response)
    ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    SELECT json_build_object('requestHash', k.request_hash, 'response', k.response) INTO v_earlier
      FROM public.idempotency_keys k WHERE k.org_id = p_org AND k.user_id = p_user AND k.key = p_key;
    RETURN json_build_object('saved', false, 'earlier', v_earlier);
  END IF;
  INSERT INTO public.runs (org_id, id, athlete_id, created_by, source, started_at, local_date, kind, duration_s,
                           distance_m, rpe, notes, private, planned_session_id)
    SELECT r.org_id, r.id, r.athlete_id, r.created_by, r.source, r.started_at, r.local_date, r.kind, r.duration_s,
           r.distance_m, r.rpe, r.notes, r.private, r.planned_session_id
    FROM jsonb_populate_record(NULL::public.runs, p_run) r;
  IF jsonb_array_length(p_notifications) > 0 THEN
    -- No RETURNING: row-level security lets the writer add a coach's row but not read it back.
    INSERT INTO public.notifications (org_id, id, recipient_user_id, kind, athlete_id, actor_user_id, title, body,
                                      link, dedupe_key, created_at)
      SELECT n.org_id, n.id, n.recipient_user_id, n.kind, n.athlete_id, n.actor_user_id, n.title, n.body, n.link,
             n.dedupe_key, n.created_at
      FROM jsonb_populate_recordset(NULL::public.notifications, p_notifications) n
      ON CONFLICT DO NOTHING;
    PERFORM app.enqueue_job('notification-mail', p_mail_job, NULL);
  END IF;
  RETURN json_build_object('saved', true);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.save_logged_run(uuid, uuid, uuid, text, jsonb, jsonb, jsonb, jsonb) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.save_logged_run(uuid, uuid, uuid, text, jsonb, jsonb, jsonb, jsonb) TO runbalance_app;
