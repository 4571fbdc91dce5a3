import type { Metadata } from "next";
import Link from "next/link";
import { selectableTimeZones } from "~/lib/browser-zone";
import { requireUser } from "~/server/auth/session";
import { getQueryClient, trpc } from "~/trpc/server";
import { MailPreferencesForm } from "./mail-preferences-form";
import { PasswordForm, ProfileForm, SignOutEverywhere } from "./settings-forms";
import { forPage } from "~/server/http/page-outage";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await forPage(() => requireUser("/settings"));
  const mailPreferences = await getQueryClient().fetchQuery(trpc.account.mailPreferences.queryOptions());
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-8">
      <Link href="/dashboard" className="text-sm text-blue-700 underline">
        ← Back
      </Link>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Settings</h1>
      <ProfileForm
        initial={{ name: user.name, units: user.units, timeZone: user.timeZone, weekStartDay: user.weekStartDay }}
        timeZones={selectableTimeZones(user.timeZone)}
      />
      <MailPreferencesForm initial={mailPreferences} />
      <PasswordForm email={user.email} />
      <SignOutEverywhere />
    </main>
  );
}
