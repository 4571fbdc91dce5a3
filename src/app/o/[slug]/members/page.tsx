import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppShell } from "../_shared/app-shell";
import { loadOrgPage } from "../_shared/load-page";
import { getQueryClient, trpc } from "~/trpc/server";
import { Invitations } from "./invitations";
import { MemberTable } from "./member-table";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const page = await loadOrgPage(slug, `/o/${slug}/members`);
  if (!page.org.abilities.inviteAthletes) notFound();
  const queryClient = getQueryClient();
  const manage = page.org.abilities.manageMembers;
  const [invitations, members] = await Promise.all([
    queryClient.fetchQuery(trpc.invitations.list.queryOptions({ orgSlug: slug })),
    manage ? queryClient.fetchQuery(trpc.members.list.queryOptions({ orgSlug: slug })) : null,
  ]);
  return (
    <AppShell page={page} current={`/o/${slug}/members`}>
      <h1 className="text-2xl font-semibold tracking-tight">{manage ? "Members" : "Invite athletes"}</h1>
      <Invitations orgSlug={slug} canInviteStaff={manage} invitations={invitations} timeZone={page.user.timeZone} />
      {members && <MemberTable orgSlug={slug} myUserId={page.user.id} members={members} />}
    </AppShell>
  );
}
