import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppShell } from "~/components/app-shell";
import { loadOrgPage } from "~/server/pages/load-org";
import { HydrateClient } from "~/trpc/hydrate-client";
import { prefetch, trpc } from "~/trpc/server";
import { Invitations } from "./invitations";
import { MemberTable } from "./member-table";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadOrgPage(slug, `/o/${slug}/members`);
  if (!page.org.abilities.inviteAthletes) notFound();
  prefetch(trpc.invitations.list.queryOptions({ orgSlug: slug }));
  if (page.org.abilities.manageMembers) prefetch(trpc.members.list.queryOptions({ orgSlug: slug }));
  return (
    <AppShell page={page} current={`/o/${slug}/members`}>
      <HydrateClient>
        <h1 className="text-2xl font-semibold tracking-tight">{page.org.abilities.manageMembers ? "Members" : "Invite athletes"}</h1>
        <Invitations orgSlug={slug} canInviteStaff={page.org.abilities.manageMembers} />
        {page.org.abilities.manageMembers && <MemberTable orgSlug={slug} myUserId={page.user.id} />}
      </HydrateClient>
    </AppShell>
  );
}
