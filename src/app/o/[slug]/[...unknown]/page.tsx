import { notFound } from "next/navigation";
import { loadOrgPage } from "../_shared/load-page";

/**
 * An address inside an organisation that no page answers: signed-out visitors are sent to sign in
 * (and back here), members get the 404 page inside the organisation's frame, others the plain one.
 */
export default async function UnknownPage({ params }: { params: Promise<{ slug: string; unknown: string[] }> }) {
  const { slug, unknown } = await params;
  await loadOrgPage(slug, `/o/${slug}/${unknown.map(encodeURIComponent).join("/")}`);
  notFound();
}
