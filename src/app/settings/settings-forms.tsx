"use client";

import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { Button } from "~/components/button";
import { SelectField } from "~/components/select-field";
import { TextField } from "~/components/text-field";
import { loadAuthClient, preloadAuthClient } from "~/lib/auth-client";
import { browserTimeZone } from "~/lib/browser-zone";
import { errorMessage } from "~/lib/trpc-error";
import { preloadTrpc, useServerCall } from "~/trpc/on-demand";

/** Signing in again after a password change, or out everywhere, needs both clients. */
function preloadClients() {
  preloadTrpc();
  preloadAuthClient();
}

const WEEK_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function Status({ status }: { status: { ok: boolean; text: string } | null }) {
  return (
    <p role="status" aria-live="polite" className={`min-h-5 text-sm ${status?.ok ? "text-green-800" : "text-red-700"}`}>
      {status?.text}
    </p>
  );
}

const zoneLabel = (zone: string) => zone.replaceAll("_", " ");
const noSubscription = () => () => {};

/** The browser's zone, read after hydration (the server cannot know it). */
function useBrowserTimeZone(): string | undefined {
  return useSyncExternalStore(noSubscription, browserTimeZone, () => undefined);
}

export function ProfileForm({
  initial,
  timeZones,
}: {
  initial: { name: string; units: "km" | "mi"; timeZone: string; weekStartDay: number };
  timeZones: string[];
}) {
  const router = useRouter();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [zone, setZone] = useState(initial.timeZone);
  const browserZone = useBrowserTimeZone();
  const update = useServerCall();
  // Runs are dated, and weeks cut, in the profile's zone: a profile left in another zone than the
  // athlete's puts evening runs on tomorrow. Warn while the saved zone differs from this browser's.
  const zoneDiffers = browserZone !== undefined && timeZones.includes(browserZone) && browserZone !== initial.timeZone;
  return (
    <form
      className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      aria-labelledby="profile-heading"
      onFocus={preloadTrpc}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const profile = {
          name: String(form.get("name")),
          units: form.get("units") === "mi" ? ("mi" as const) : ("km" as const),
          timeZone: String(form.get("timeZone")),
          weekStartDay: Number(form.get("weekStartDay")),
        };
        update
          .call((trpc) => trpc.account.updateProfile.mutate(profile))
          .then(
            () => {
              setStatus({ ok: true, text: "Saved." });
              router.refresh();
            },
            (e: unknown) => setStatus({ ok: false, text: errorMessage(e) }),
          );
      }}
    >
      <h2 id="profile-heading" className="text-lg font-semibold">
        Profile
      </h2>
      <TextField label="Name" name="name" defaultValue={initial.name} autoComplete="name" required />
      <SelectField
        label="Distances in"
        name="units"
        defaultValue={initial.units}
        options={[
          { value: "km", label: "Kilometres" },
          { value: "mi", label: "Miles" },
        ]}
      />
      <SelectField
        label="Time zone"
        name="timeZone"
        value={zone}
        onChange={(e) => setZone(e.target.value)}
        options={timeZones.map((tz) => ({ value: tz, label: zoneLabel(tz) }))}
      />
      {zoneDiffers && (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <p>
            This device is set to <strong>{zoneLabel(browserZone)}</strong>, but your profile says{" "}
            <strong>{zoneLabel(initial.timeZone)}</strong>. Your runs are dated and your weeks start in the
            profile&apos;s time zone.
          </p>
          {zone !== browserZone && (
            <Button type="button" variant="secondary" className="mt-2" onClick={() => setZone(browserZone)}>
              Use {zoneLabel(browserZone)}
            </Button>
          )}
        </div>
      )}
      <SelectField
        label="Weeks start on"
        name="weekStartDay"
        defaultValue={String(initial.weekStartDay)}
        options={WEEK_DAYS.map((d, i) => ({ value: String(i), label: d }))}
      />
      <Status status={status} />
      <Button type="submit" disabled={update.pending}>
        Save profile
      </Button>
    </form>
  );
}

export function PasswordForm({ email }: { email: string }) {
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const change = useServerCall();
  return (
    <form
      className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      aria-labelledby="password-heading"
      onFocus={preloadClients}
      onSubmit={async (event) => {
        event.preventDefault();
        const formElement = event.currentTarget;
        const form = new FormData(formElement);
        const newPassword = String(form.get("newPassword"));
        try {
          const currentPassword = String(form.get("currentPassword"));
          await change.call((trpc) => trpc.account.changePassword.mutate({ currentPassword, newPassword }));
          // Every session, this one included, was signed out: sign this one back in with the new password.
          const { signIn } = await loadAuthClient();
          await signIn("credentials", { email, password: newPassword, redirect: false });
          formElement.reset();
          setStatus({ ok: true, text: "Password changed. Other devices have been signed out." });
        } catch (e) {
          setStatus({ ok: false, text: errorMessage(e) });
        }
      }}
    >
      <h2 id="password-heading" className="text-lg font-semibold">
        Password
      </h2>
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters, and not a common password."
        required
      />
      <Status status={status} />
      <Button type="submit" disabled={change.pending}>
        Change password
      </Button>
    </form>
  );
}

export function SignOutEverywhere() {
  const revoke = useServerCall();
  const [error, setError] = useState<string | null>(null);
  const signOutEverywhere = () =>
    revoke
      .call((trpc) => trpc.account.signOutEverywhere.mutate())
      .then(() => loadAuthClient())
      .then(({ signOut }) => signOut({ callbackUrl: "/sign-in" }))
      .catch((e: unknown) => setError(errorMessage(e)));
  return (
    <section className="mt-6 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" className="text-lg font-semibold">
        Sessions
      </h2>
      <p className="mt-1 text-sm text-slate-600">Lost a phone? Sign out on every device, this one included.</p>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <Button
        variant="danger"
        className="mt-3"
        disabled={revoke.pending}
        onFocus={preloadClients}
        onPointerDown={preloadClients}
        onClick={() => void signOutEverywhere()}
      >
        Sign out everywhere
      </Button>
    </section>
  );
}
