import { getCurrentUser } from "~/server/auth/session";
import { getQueryClient, trpc } from "~/trpc/server";
import { OrgFrame } from "./_shared/app-shell";
import { loadOrgPage } from "./_shared/load-page";
import { forPage } from "~/server/http/page-outage";

/**
 * The organisation's frame, outside the pages so it stays on screen while the next page loads and
 * frames the 404 page too. It never refuses: someone signed out or not a member gets the bare page,
 * whose own checks (which every page makes) redirect them to sign in or answer 404.
 */
export default async function OrganisationLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  if (!(await forPage(getCurrentUser))) return children;
  const orgs = await getQueryClient().fetchQuery(trpc.organisations.mine.queryOptions());
  if (!orgs.some((org) => org.slug === slug)) return children;
  return <OrgFrame page={await loadOrgPage(slug, `/o/${slug}`)}>{children}</OrgFrame>;
}
