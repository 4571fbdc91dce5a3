import { TRPCError } from "@trpc/server";
import { runsToCsv } from "~/domain/training/runs-csv";
import { createRequestContext } from "~/server/api/context";
import { createCaller } from "~/server/api/root";

/** Downloads all of the signed-in athlete's runs in this organisation as CSV. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  try {
    const runs = await createCaller(await createRequestContext()).training.allMyRuns({ orgSlug: slug });
    return new Response(runsToCsv(runs), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="runbalance-runs-${slug}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof TRPCError) {
      const status = error.code === "UNAUTHORIZED" ? 401 : error.code === "FORBIDDEN" ? 403 : 404;
      return new Response(error.message, { status });
    }
    throw error;
  }
}
