-- Row-level security bound to verified facts, not to settings the client may write (ADR 011).
--
-- Until now policies trusted `app.org_id` / `app.user_id`, plain settings that any session can set
-- with set_config: a query the app was tricked into running could name another organisation. Now
-- those settings only count when the database itself wrote them: every setter below signs the
-- context (user, organisation, invitation token hash, calendar feed token hash) with an HMAC-SHA256
-- whose key only the tables' owner can read, bound to the backend and the transaction. The policies
-- keep calling app.current_org_id() and friends, which now return NULL unless the signature checks
-- out. The context is set only by:
--   app.enter_session(secret)        a live session's secret (from the encrypted cookie) → its user
--   app.enter_organisation(org)      the verified user must be a member of `org`
--   app.enter_invitation(token)      an open invitation's link token → its organisation
--   app.create_invited_account(…)    the account an open invitation creates → that user
--   app.enter_calendar_feed(token)   an active feed token → its organisation
--   app.confirm_sign_up(token)       a pending sign-up's emailed token → the new user and organisation
--   app.act_as(user, org)            owner only (seed data, tests); the app's role cannot execute it
-- Sign-in is checked here too (the app sends argon2id's output for the stored salt, never reads the
-- hash), so the app's role cannot open a session without the password, and its limits (ADR 010)
-- are enforced where they cannot be skipped.
-- Hand-written: functions, grants and policies are beyond drizzle-kit; the tables are in 0009.

REVOKE ALL ON SCHEMA app_private FROM PUBLIC;
--> statement-breakpoint
CREATE TABLE app_private.context_key (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  inner_pad bytea NOT NULL,
  outer_pad bytea NOT NULL
);
--> statement-breakpoint
-- A 64-byte random key (gen_random_uuid draws from the server's strong random source), stored as
-- HMAC's two padded keys.
DO $$
DECLARE
  secret bytea := sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8'))
               || sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8'));
  inner_pad bytea := secret;
  outer_pad bytea := secret;
BEGIN
  FOR i IN 0..63 LOOP
    inner_pad := set_byte(inner_pad, i, get_byte(secret, i) # 54);
    outer_pad := set_byte(outer_pad, i, get_byte(secret, i) # 92);
  END LOOP;
  INSERT INTO app_private.context_key VALUES (true, inner_pad, outer_pad);
END $$;
--> statement-breakpoint
CREATE FUNCTION app_private.hash_token(token text) RETURNS text LANGUAGE sql IMMUTABLE
  SET search_path = pg_catalog, pg_temp
  AS $$ SELECT encode(sha256(convert_to(token, 'UTF8')), 'hex') $$;
--> statement-breakpoint
CREATE FUNCTION app_private.random_token() RETURNS text LANGUAGE sql VOLATILE
  SET search_path = pg_catalog, pg_temp
  AS $$ SELECT encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex') $$;
--> statement-breakpoint
-- The signature of a context: valid only on this backend, in this transaction.
CREATE FUNCTION app_private.context_mac(user_id text, org_id text, invitation_hash text, feed_hash text)
  RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT encode(sha256(k.outer_pad || sha256(k.inner_pad || convert_to(concat_ws('|', 'runbalance-context-v1',
           pg_backend_pid()::text, (extract(epoch FROM transaction_timestamp()) * 1000000)::bigint::text,
           user_id, org_id, invitation_hash, feed_hash), 'UTF8'))), 'hex')
  FROM app_private.context_key k
$$;
--> statement-breakpoint
CREATE FUNCTION app_private.context_is_valid() RETURNS boolean LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT coalesce(current_setting('app.context_mac', true), '') <> ''
     AND current_setting('app.context_mac', true) = app_private.context_mac(
           coalesce(current_setting('app.user_id', true), ''), coalesce(current_setting('app.org_id', true), ''),
           coalesce(current_setting('app.invitation_hash', true), ''), coalesce(current_setting('app.feed_hash', true), ''))
$$;
--> statement-breakpoint
-- Transaction-local, like before: nothing leaks to the next request on a pooled connection.
CREATE FUNCTION app_private.set_context(p_user uuid, p_org uuid, p_invitation_hash text, p_feed_hash text)
  RETURNS void LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  u text := coalesce(p_user::text, '');
  o text := coalesce(p_org::text, '');
  i text := coalesce(p_invitation_hash, '');
  f text := coalesce(p_feed_hash, '');
BEGIN
  PERFORM set_config('app.user_id', u, true), set_config('app.org_id', o, true),
          set_config('app.invitation_hash', i, true), set_config('app.feed_hash', f, true),
          set_config('app.context_mac', app_private.context_mac(u, o, i, f), true);
END $$;
--> statement-breakpoint
-- What the policies read (0003, 0005, 0007): NULL unless the database wrote the context.
CREATE OR REPLACE FUNCTION app.current_org_id() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE WHEN app_private.context_is_valid() THEN nullif(current_setting('app.org_id', true), '')::uuid END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app.current_user_id() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE WHEN app_private.context_is_valid() THEN nullif(current_setting('app.user_id', true), '')::uuid END
$$;
--> statement-breakpoint
CREATE FUNCTION app.current_invitation_hash() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE WHEN app_private.context_is_valid() THEN nullif(current_setting('app.invitation_hash', true), '') END
$$;
--> statement-breakpoint
CREATE FUNCTION app.current_feed_hash() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE WHEN app_private.context_is_valid() THEN nullif(current_setting('app.feed_hash', true), '') END
$$;
--> statement-breakpoint
ALTER POLICY invitations_by_token ON invitations USING (token_hash = (SELECT app.current_invitation_hash()));
--> statement-breakpoint
ALTER POLICY calendar_feeds_by_token ON calendar_feeds USING (token_hash = (SELECT app.current_feed_hash()));
--> statement-breakpoint
-- Nobody joins an organisation but themselves (sign-up, an accepted invitation): a context for one
-- organisation cannot be used to pull other accounts into it and read them as fellow members. The
-- tables' owner (seed data), also a member of runbalance_app, may add anyone.
CREATE POLICY memberships_join_as_self ON memberships AS RESTRICTIVE FOR INSERT TO runbalance_app
  WITH CHECK (user_id = (SELECT app.current_user_id())
              OR (SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c WHERE c.oid = 'public.memberships'::regclass));
--> statement-breakpoint
-- Accounts: the app's role reads the columns it shows and edits the profile; it never sees password
-- hashes and creates accounts only through the functions below.
REVOKE ALL ON users FROM runbalance_app;
--> statement-breakpoint
GRANT SELECT (id, email, name, units, time_zone, week_start_day, created_at, updated_at) ON users TO runbalance_app;
--> statement-breakpoint
GRANT UPDATE (name, units, time_zone, week_start_day, updated_at) ON users TO runbalance_app;
--> statement-breakpoint
------------------------------------------------------------------------------------------------------
-- Sessions
------------------------------------------------------------------------------------------------------
CREATE FUNCTION app_private.open_session(p_user uuid) RETURNS text LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_secret text := app_private.random_token();
BEGIN
  DELETE FROM app_private.sessions s WHERE s.expires_at < now();
  INSERT INTO app_private.sessions (user_id, token_hash, expires_at)
    VALUES (p_user, app_private.hash_token(v_secret), now() + interval '30 days');
  RETURN v_secret;
END $$;
--> statement-breakpoint
-- The signed-in account of a session secret (no password hash), for every request.
CREATE FUNCTION app.session_account(p_secret text)
  RETURNS TABLE (id uuid, email text, name text, units text, time_zone text, week_start_day smallint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT u.id, u.email, u.name, u.units, u.time_zone, u.week_start_day
  FROM app_private.sessions s JOIN public.users u ON u.id = s.user_id
  WHERE s.token_hash = app_private.hash_token(p_secret) AND s.expires_at > now()
$$;
--> statement-breakpoint
-- Starts a request's context: the session's user, or nobody for an unknown or ended session.
CREATE FUNCTION app.enter_session(p_secret text) RETURNS uuid LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_user uuid;
BEGIN
  SELECT s.user_id INTO v_user FROM app_private.sessions s
    WHERE s.token_hash = app_private.hash_token(p_secret) AND s.expires_at > now();
  PERFORM app_private.set_context(v_user, NULL, NULL, NULL);
  RETURN v_user;
END $$;
--> statement-breakpoint
-- Narrows the context to one organisation of which the verified user is a member; false otherwise
-- (the context is then left as it was).
CREATE FUNCTION app.enter_organisation(p_org uuid) RETURNS boolean LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_user uuid := app.current_user_id();
BEGIN
  -- Forced row-level security applies here too: the user context lets their own memberships through.
  IF v_user IS NULL OR NOT EXISTS (SELECT 1 FROM public.memberships m WHERE m.org_id = p_org AND m.user_id = v_user) THEN
    RETURN false;
  END IF;
  PERFORM app_private.set_context(v_user, p_org, NULL, NULL);
  RETURN true;
END $$;
--> statement-breakpoint
-- Sign-out: this session only; other devices stay signed in.
CREATE FUNCTION app.end_session(p_secret text) RETURNS void LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
  DELETE FROM app_private.sessions s WHERE s.token_hash = app_private.hash_token(p_secret)
$$;
--> statement-breakpoint
-- "Sign out everywhere", for the verified user.
CREATE FUNCTION app.end_all_sessions() RETURNS void LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
  DELETE FROM app_private.sessions s WHERE s.user_id = app.current_user_id()
$$;
--> statement-breakpoint
-- Seed data and tests, as the owner: any context. The app's role has no EXECUTE on it.
CREATE FUNCTION app.act_as(p_user uuid, p_org uuid) RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM app_private.set_context(p_user, p_org, NULL, NULL);
END $$;
--> statement-breakpoint
------------------------------------------------------------------------------------------------------
-- Sign-in and its limits (ADR 010)
------------------------------------------------------------------------------------------------------
-- Why an attempt must wait, or NULL when it may go ahead:
--   pair      5 failures of this account from this address within 15 minutes
--   address   30 failures from this address (any account) within 15 minutes
--   account   from an address that has not signed in to this account within 30 days: once the
--             account has 10 failures within 24 hours, one attempt per 2^(n−10) seconds, at most
--             one per 15 minutes
CREATE FUNCTION app_private.sign_in_refusal(p_account text, p_address text) RETURNS text
  LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  n integer;
  last_failure timestamptz;
BEGIN
  SELECT count(*) INTO n FROM app_private.auth_attempts a
    WHERE a.action = 'sign_in' AND a.account = p_account AND a.address = p_address AND NOT a.succeeded
      AND a.attempted_at > now() - interval '15 minutes';
  IF n >= 5 THEN RETURN 'pair'; END IF;
  SELECT count(*) INTO n FROM app_private.auth_attempts a
    WHERE a.action = 'sign_in' AND a.address = p_address AND NOT a.succeeded
      AND a.attempted_at > now() - interval '15 minutes';
  IF n >= 30 THEN RETURN 'address'; END IF;
  IF EXISTS (SELECT 1 FROM app_private.auth_attempts a
             WHERE a.action = 'sign_in' AND a.account = p_account AND a.address = p_address AND a.succeeded
               AND a.attempted_at > now() - interval '30 days') THEN
    RETURN NULL;
  END IF;
  SELECT count(*), max(a.attempted_at) INTO n, last_failure FROM app_private.auth_attempts a
    WHERE a.action = 'sign_in' AND a.account = p_account AND NOT a.succeeded
      AND a.attempted_at > now() - interval '24 hours';
  IF n >= 10 AND last_failure > now() - least(interval '15 minutes', make_interval(secs => 2 ^ least(n - 10, 10))) THEN
    RETURN 'account';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Before the password is hashed: whether to try at all, and the account's argon2id settings and salt
-- (its PHC string without the hash; NULL for an unknown email, which the app hashes with a random
-- salt so that both take as long).
CREATE FUNCTION app.begin_sign_in(p_email text, p_address text)
  RETURNS TABLE (refusal text, password_settings text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT app_private.sign_in_refusal(p_email, coalesce(nullif(p_address, ''), 'unknown')),
         (SELECT substring(u.password_hash FROM '^(.*)\$[^$]*$') FROM public.users u WHERE u.email = p_email)
$$;
--> statement-breakpoint
-- Checks the password (argon2id's output for the stored settings, base64 as in the PHC string),
-- counts the attempt and, when it is right, opens a session. Outcomes: ok, invalid, refused.
CREATE FUNCTION app.finish_sign_in(p_email text, p_proof text, p_address text)
  RETURNS TABLE (outcome text, session_secret text, user_id uuid, email text, name text)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
  v_address text := coalesce(nullif(p_address, ''), 'unknown');
  v_user record;
BEGIN
  -- One attempt per account at a time: parallel guesses cannot all pass the count.
  PERFORM pg_advisory_xact_lock(hashtextextended('runbalance.sign_in:' || p_email, 0));
  IF app_private.sign_in_refusal(p_email, v_address) IS NOT NULL THEN
    RETURN QUERY SELECT 'refused'::text, NULL::text, NULL::uuid, NULL::text, NULL::text;
    RETURN;
  END IF;
  DELETE FROM app_private.auth_attempts a
    WHERE a.attempted_at < now() - interval '30 days' OR (NOT a.succeeded AND a.attempted_at < now() - interval '24 hours');
  SELECT u.id, u.email, u.name, u.password_hash INTO v_user FROM public.users u WHERE u.email = p_email;
  IF v_user.id IS NULL OR coalesce(p_proof, '') = '' OR split_part(v_user.password_hash, '$', 6) <> p_proof THEN
    INSERT INTO app_private.auth_attempts (action, account, address, succeeded) VALUES ('sign_in', p_email, v_address, false);
    RETURN QUERY SELECT 'invalid'::text, NULL::text, NULL::uuid, NULL::text, NULL::text;
    RETURN;
  END IF;
  -- The owner's own address starts afresh; failures from elsewhere keep counting for the account.
  DELETE FROM app_private.auth_attempts a
    WHERE a.action = 'sign_in' AND a.account = p_email AND a.address = v_address AND NOT a.succeeded;
  INSERT INTO app_private.auth_attempts (action, account, address, succeeded) VALUES ('sign_in', p_email, v_address, true);
  RETURN QUERY SELECT 'ok'::text, app_private.open_session(v_user.id), v_user.id, v_user.email, v_user.name;
END $$;
--> statement-breakpoint
------------------------------------------------------------------------------------------------------
-- Password change: 5 wrong current passwords per account within 15 minutes
------------------------------------------------------------------------------------------------------
CREATE FUNCTION app_private.session_user_id(p_secret text) RETURNS uuid LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT s.user_id FROM app_private.sessions s
  WHERE s.token_hash = app_private.hash_token(p_secret) AND s.expires_at > now()
$$;
--> statement-breakpoint
CREATE FUNCTION app_private.password_change_refused(p_user uuid) RETURNS boolean LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT count(*) >= 5 FROM app_private.auth_attempts a
  WHERE a.action = 'change_password' AND a.account = p_user::text AND NOT a.succeeded
    AND a.attempted_at > now() - interval '15 minutes'
$$;
--> statement-breakpoint
CREATE FUNCTION app.begin_password_change(p_secret text) RETURNS TABLE (refused boolean, password_settings text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT app_private.password_change_refused(u.id), substring(u.password_hash FROM '^(.*)\$[^$]*$')
  FROM public.users u WHERE u.id = app_private.session_user_id(p_secret)
$$;
--> statement-breakpoint
-- Sets a new password hash when the current password is right, and ends every session of the
-- account (the caller signs in again). Outcomes: ok, invalid, refused.
CREATE FUNCTION app.change_password(p_secret text, p_proof text, p_new_hash text, p_address text) RETURNS text
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_user uuid := app_private.session_user_id(p_secret);
  v_hash text;
BEGIN
  IF v_user IS NULL THEN RETURN 'invalid'; END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('runbalance.change_password:' || v_user::text, 0));
  IF app_private.password_change_refused(v_user) THEN RETURN 'refused'; END IF;
  SELECT u.password_hash INTO v_hash FROM public.users u WHERE u.id = v_user;
  IF coalesce(p_proof, '') = '' OR split_part(v_hash, '$', 6) <> p_proof THEN
    INSERT INTO app_private.auth_attempts (action, account, address, succeeded)
      VALUES ('change_password', v_user::text, coalesce(nullif(p_address, ''), 'unknown'), false);
    RETURN 'invalid';
  END IF;
  IF p_new_hash !~ '^\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$' THEN
    RAISE EXCEPTION 'not an argon2id hash' USING ERRCODE = '22023';
  END IF;
  UPDATE public.users u SET password_hash = p_new_hash, updated_at = now() WHERE u.id = v_user;
  DELETE FROM app_private.auth_attempts a
    WHERE a.action = 'change_password' AND a.account = v_user::text AND NOT a.succeeded;
  DELETE FROM app_private.sessions s WHERE s.user_id = v_user;
  RETURN 'ok';
END $$;
--> statement-breakpoint
------------------------------------------------------------------------------------------------------
-- Sign-up: the same answer whether or not the email has an account; the account is created from the
-- link mailed to it. Limits: 10 sign-ups per address and 3 per email within an hour.
------------------------------------------------------------------------------------------------------
CREATE FUNCTION app.request_sign_up(p_email text, p_name text, p_organisation_name text, p_password_hash text, p_address text)
  RETURNS TABLE (outcome text, token text)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
  v_address text := coalesce(nullif(p_address, ''), 'unknown');
  v_token text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('runbalance.sign_up:' || p_email, 0));
  IF (SELECT count(*) FROM app_private.auth_attempts a WHERE a.action = 'sign_up' AND a.address = v_address
        AND a.attempted_at > now() - interval '1 hour') >= 10
     OR (SELECT count(*) FROM app_private.auth_attempts a WHERE a.action = 'sign_up' AND a.account = p_email
        AND a.attempted_at > now() - interval '1 hour') >= 3 THEN
    RETURN QUERY SELECT 'refused'::text, NULL::text;
    RETURN;
  END IF;
  IF p_password_hash !~ '^\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$' THEN
    RAISE EXCEPTION 'not an argon2id hash' USING ERRCODE = '22023';
  END IF;
  INSERT INTO app_private.auth_attempts (action, account, address, succeeded) VALUES ('sign_up', p_email, v_address, true);
  DELETE FROM app_private.sign_up_requests r WHERE r.expires_at < now();
  IF EXISTS (SELECT 1 FROM public.users u WHERE u.email = p_email) THEN
    RETURN QUERY SELECT 'exists'::text, NULL::text;
    RETURN;
  END IF;
  v_token := app_private.random_token();
  INSERT INTO app_private.sign_up_requests (token_hash, email, name, organisation_name, password_hash, expires_at)
    VALUES (app_private.hash_token(v_token), p_email, p_name, p_organisation_name, p_password_hash, now() + interval '24 hours');
  RETURN QUERY SELECT 'new'::text, v_token;
END $$;
--> statement-breakpoint
-- The emailed link: creates the account and leaves the context on it and on a fresh organisation id,
-- which the app then creates (with the account as its owner) in the same transaction. No row for an
-- unknown or expired link, or when the address got an account meanwhile.
CREATE FUNCTION app.confirm_sign_up(p_token text)
  RETURNS TABLE (user_id uuid, org_id uuid, email text, name text, organisation_name text)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
  v_request app_private.sign_up_requests;
  v_user uuid;
  v_org uuid := gen_random_uuid();
BEGIN
  SELECT * INTO v_request FROM app_private.sign_up_requests r
    WHERE r.token_hash = app_private.hash_token(p_token) AND r.expires_at > now();
  IF v_request.token_hash IS NULL THEN RETURN; END IF;
  DELETE FROM app_private.sign_up_requests r WHERE r.email = v_request.email;
  IF EXISTS (SELECT 1 FROM public.users u WHERE u.email = v_request.email) THEN RETURN; END IF;
  INSERT INTO public.users (email, name, password_hash)
    VALUES (v_request.email, v_request.name, v_request.password_hash) RETURNING id INTO v_user;
  PERFORM app_private.set_context(v_user, v_org, NULL, NULL);
  RETURN QUERY SELECT v_user, v_org, v_request.email, v_request.name, v_request.organisation_name;
END $$;
--> statement-breakpoint
------------------------------------------------------------------------------------------------------
-- Invitation links and calendar feeds: the token is the capability
------------------------------------------------------------------------------------------------------
-- The context as it is, to put back after borrowing one (a function's SET clause would do it, but
-- only a superuser may give one for these settings).
CREATE FUNCTION app_private.saved_context() RETURNS text[] LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT ARRAY[coalesce(current_setting('app.user_id', true), ''), coalesce(current_setting('app.org_id', true), ''),
               coalesce(current_setting('app.invitation_hash', true), ''), coalesce(current_setting('app.feed_hash', true), ''),
               coalesce(current_setting('app.context_mac', true), '')]
$$;
--> statement-breakpoint
CREATE FUNCTION app_private.restore_context(saved text[]) RETURNS void LANGUAGE plpgsql VOLATILE
  SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM set_config('app.user_id', saved[1], true), set_config('app.org_id', saved[2], true),
          set_config('app.invitation_hash', saved[3], true), set_config('app.feed_hash', saved[4], true),
          set_config('app.context_mac', saved[5], true);
END $$;
--> statement-breakpoint
-- What an invitation link is for, whatever its state. Its context lasts only inside the function.
CREATE FUNCTION app.invitation_preview(p_token text)
  RETURNS TABLE (organisation_name text, email text, role text, expires_at timestamptz,
                 accepted_at timestamptz, revoked_at timestamptz)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
  v_saved text[] := app_private.saved_context();
  v_hash text := app_private.hash_token(p_token);
  v_invitation record;
BEGIN
  PERFORM app_private.set_context(NULL, NULL, v_hash, NULL);
  SELECT i.org_id, i.email, i.role::text AS role, i.expires_at, i.accepted_at, i.revoked_at INTO v_invitation
    FROM public.invitations i WHERE i.token_hash = v_hash;
  IF v_invitation.org_id IS NOT NULL THEN
    PERFORM app_private.set_context(NULL, v_invitation.org_id, v_hash, NULL);
    RETURN QUERY SELECT o.name, v_invitation.email, v_invitation.role, v_invitation.expires_at,
                        v_invitation.accepted_at, v_invitation.revoked_at
      FROM public.organizations o WHERE o.id = v_invitation.org_id;
  END IF;
  PERFORM app_private.restore_context(v_saved);
END $$;
--> statement-breakpoint
-- Accepting: an open invitation's token puts its organisation in the context (keeping the verified
-- user, if any), so its membership can be written.
CREATE FUNCTION app.enter_invitation(p_token text)
  RETURNS TABLE (id uuid, org_id uuid, email text, role text, invited_by uuid, expires_at timestamptz,
                 accepted_at timestamptz, revoked_at timestamptz)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
  v_user uuid := app.current_user_id();
  v_hash text := app_private.hash_token(p_token);
  v_invitation record;
BEGIN
  PERFORM app_private.set_context(v_user, NULL, v_hash, NULL);
  SELECT i.id, i.org_id, i.email, i.role::text AS role, i.invited_by, i.expires_at, i.accepted_at, i.revoked_at
    INTO v_invitation FROM public.invitations i WHERE i.token_hash = v_hash;
  IF v_invitation.id IS NULL THEN RETURN; END IF;
  IF v_invitation.accepted_at IS NULL AND v_invitation.revoked_at IS NULL AND v_invitation.expires_at > now() THEN
    PERFORM app_private.set_context(v_user, v_invitation.org_id, v_hash, NULL);
  END IF;
  RETURN QUERY SELECT v_invitation.id, v_invitation.org_id, v_invitation.email, v_invitation.role,
                      v_invitation.invited_by, v_invitation.expires_at, v_invitation.accepted_at, v_invitation.revoked_at;
END $$;
--> statement-breakpoint
-- The account an open invitation creates for its email (after app.enter_invitation in the same
-- transaction); NULL when the email already has an account, whose owner must sign in to accept.
CREATE FUNCTION app.create_invited_account(p_token text, p_name text, p_password_hash text) RETURNS uuid
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_hash text := app_private.hash_token(p_token);
  v_invitation record;
  v_user uuid;
BEGIN
  IF app.current_invitation_hash() IS DISTINCT FROM v_hash OR app.current_org_id() IS NULL THEN
    RAISE EXCEPTION 'no open invitation in this transaction' USING ERRCODE = '42501';
  END IF;
  SELECT i.org_id, i.email INTO v_invitation FROM public.invitations i
    WHERE i.token_hash = v_hash AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now();
  IF v_invitation.org_id IS NULL THEN
    RAISE EXCEPTION 'no open invitation in this transaction' USING ERRCODE = '42501';
  END IF;
  IF EXISTS (SELECT 1 FROM public.users u WHERE u.email = v_invitation.email) THEN RETURN NULL; END IF;
  IF p_password_hash !~ '^\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$' THEN
    RAISE EXCEPTION 'not an argon2id hash' USING ERRCODE = '22023';
  END IF;
  INSERT INTO public.users (email, name, password_hash) VALUES (v_invitation.email, p_name, p_password_hash)
    RETURNING id INTO v_user;
  PERFORM app_private.set_context(v_user, v_invitation.org_id, v_hash, NULL);
  RETURN v_user;
END $$;
--> statement-breakpoint
-- A calendar app fetching a feed: an active feed token puts its organisation in the context.
CREATE FUNCTION app.enter_calendar_feed(p_token text) RETURNS TABLE (org_id uuid, athlete_id uuid)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
  v_hash text := app_private.hash_token(p_token);
  v_feed record;
BEGIN
  PERFORM app_private.set_context(NULL, NULL, NULL, v_hash);
  SELECT f.org_id, f.athlete_id INTO v_feed FROM public.calendar_feeds f
    WHERE f.token_hash = v_hash AND f.revoked_at IS NULL;
  IF v_feed.org_id IS NULL THEN
    PERFORM app_private.set_context(NULL, NULL, NULL, NULL);
    RETURN;
  END IF;
  PERFORM app_private.set_context(NULL, v_feed.org_id, NULL, v_hash);
  RETURN QUERY SELECT v_feed.org_id, v_feed.athlete_id;
END $$;
--> statement-breakpoint
------------------------------------------------------------------------------------------------------
-- Who may call what
------------------------------------------------------------------------------------------------------
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA app_private FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION
  app.current_org_id(), app.current_user_id(), app.current_invitation_hash(), app.current_feed_hash(),
  app.session_account(text), app.enter_session(text), app.enter_organisation(uuid), app.end_session(text),
  app.end_all_sessions(), app.act_as(uuid, uuid), app.begin_sign_in(text, text), app.finish_sign_in(text, text, text),
  app.begin_password_change(text), app.change_password(text, text, text, text),
  app.request_sign_up(text, text, text, text, text), app.confirm_sign_up(text), app.invitation_preview(text),
  app.enter_invitation(text), app.create_invited_account(text, text, text), app.enter_calendar_feed(text)
  FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION
  app.current_org_id(), app.current_user_id(), app.current_invitation_hash(), app.current_feed_hash(),
  app.session_account(text), app.enter_session(text), app.enter_organisation(uuid), app.end_session(text),
  app.end_all_sessions(), app.begin_sign_in(text, text), app.finish_sign_in(text, text, text),
  app.begin_password_change(text), app.change_password(text, text, text, text),
  app.request_sign_up(text, text, text, text, text), app.confirm_sign_up(text), app.invitation_preview(text),
  app.enter_invitation(text), app.create_invited_account(text, text, text), app.enter_calendar_feed(text)
  TO runbalance_app;
