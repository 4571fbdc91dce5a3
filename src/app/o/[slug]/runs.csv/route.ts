import { TRPCError } from "@trpc/server";
import { runsToCsv } from "~/domain/training/runs-csv";
import { createRequestContext } from "~/server/api/context";
import { createCaller } from "~/server/api/root";
import { answer503WhenDatabaseIsDown } from "~/server/http/database-outage";

/** A refusal's status; null for failures that are not the request's fault (500, or 503 for an outage). */
function statusOfRefusal(error: TRPCError): number | null {
  if (error.code === "INTERNAL_SERVER_ERROR" || error.code === "SERVICE_UNAVAILABLE") return null;
  return error.code === "UNAUTHORIZED" ? 401 : error.code === "FORBIDDEN" ? 403 : 404;
}

/**
 * Downloads all of the signed-in athlete's runs in this organisation as CSV. Refusals are 401, 403
 * or 404; a database outage (SERVICE_UNAVAILABLE) is 503; anything else is Next's 500.
 */
export const GET = answer503WhenDatabaseIsDown(
  "runs.csv",
  "text",
  async (_request: Request, { params }: { params: Promise<{ slug: string }> }) => {
    const { slug } = await params;
    try {
      const runs = await createCaller(await createRequestContext()).runs.allMine({ orgSlug: slug });
      return new Response(runsToCsv(runs), {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          // Only the slug's own characters in a header, whatever the address said.
          "content-disposition": `attachment; filename="runbalance-runs-${slug.replace(/[^a-z0-9-]/g, "")}.csv"`,
          "cache-control": "no-store",
        },
      });
    } catch (error) {
      // An internal error's message may hold SQL: it is thrown on, for Next's generic 500.
      const status = error instanceof TRPCError ? statusOfRefusal(error) : null;
      if (status) return new Response((error as TRPCError).message, { status });
      throw error;
    }
  },
);
