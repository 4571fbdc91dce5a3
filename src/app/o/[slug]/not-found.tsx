import type { Metadata } from "next";
import { HomeLink, MainUnlessFramed } from "./_shared/shell-nav";

export const metadata: Metadata = { title: "Not found" };

/** The organisation's 404 page, inside its frame (the layout's) for members: navigation and a way home. */
export default function OrganisationNotFound() {
  return (
    <MainUnlessFramed className="mx-auto max-w-md px-4 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">There is nothing at this address, or it is not yours to see.</p>
      <p className="mt-6 text-sm">
        <HomeLink className="inline-flex min-h-11 items-center rounded-md bg-blue-700 px-4 font-medium text-white hover:bg-blue-800">
          Back to the start page
        </HomeLink>
      </p>
    </MainUnlessFramed>
  );
}
