/**
 * A service's refusal (ServiceError) reaches a tRPC caller as the tRPC error of the same code and
 * message, with a field refusal in `fieldErrors` like a schema error; anything else stays an internal
 * error whose message is hidden. Route handlers outside tRPC answer each code with the same HTTP
 * status. No database: the procedures here are public and throw directly.
 */
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { refuseField, ServiceError, type ServiceErrorCode } from "~/server/errors";
import { HTTP_STATUS, httpStatusOf } from "~/server/http/service-error";
import { createCallerFactory, createRouter, publicProcedure } from "./trpc";

const router = createRouter({
  conflict: publicProcedure.query(() => {
    throw new ServiceError("CONFLICT", "Someone else saved this first.");
  }),
  field: publicProcedure.mutation(() => refuseField("run.date", "That day is still to come.")),
  tooLarge: publicProcedure.mutation(() => {
    throw new ServiceError("PAYLOAD_TOO_LARGE", "That file is too large.");
  }),
  validated: publicProcedure
    .input(
      z.object({
        distanceKm: z.number({ error: "Enter the distance as a number" }),
        rpe: z.number().int().min(1, "RPE is from 1 to 10"),
      }),
    )
    .mutation(() => "saved"),
  crash: publicProcedure.query(() => {
    throw new Error('relation "runs" violates constraint runs_pkey');
  }),
});
const caller = createCallerFactory(router)({ db: null as never, user: null, sessionSecret: null, clientAddress: null });

async function overHttp(path: string, method: "GET" | "POST", input: unknown = null) {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://app.test/api/trpc/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: method === "POST" ? JSON.stringify({ json: input }) : undefined,
    }),
    router,
    createContext: () => ({ db: null as never, user: null, sessionSecret: null, clientAddress: null }),
  });
  const body = (await response.json()) as {
    error: { json: { message: string; data: { code: string; fieldErrors?: Record<string, string[]> } } };
  };
  return { status: response.status, ...body.error.json };
}

describe("service errors at the tRPC edge", () => {
  it("keeps the refusal's code and message", async () => {
    const error = await caller.conflict().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: "CONFLICT", message: "Someone else saved this first." });
  });

  it("answers with the code's HTTP status, and a field refusal next to its field", async () => {
    expect(await overHttp("conflict", "GET")).toMatchObject({ status: 409, data: { code: "CONFLICT" } });
    expect(await overHttp("tooLarge", "POST")).toMatchObject({ status: 413, message: "That file is too large." });
    expect(await overHttp("field", "POST")).toMatchObject({
      status: 400,
      message: "That day is still to come.",
      data: { code: "BAD_REQUEST", fieldErrors: { "run.date": ["That day is still to come."] } },
    });
  });

  it("says what is wrong with an input in words, field by field, not as a JSON dump", async () => {
    const refused = await overHttp("validated", "POST", { distanceKm: "five", rpe: 0 });
    expect(refused).toMatchObject({
      status: 400,
      message: "distanceKm: Enter the distance as a number; rpe: RPE is from 1 to 10",
      data: {
        code: "BAD_REQUEST",
        fieldErrors: { distanceKm: ["Enter the distance as a number"], rpe: ["RPE is from 1 to 10"] },
      },
    });
    expect(refused.message).not.toMatch(/[[{]/);
  });

  it("leaves any other error internal, its message hidden", async () => {
    expect(await overHttp("crash", "GET")).toMatchObject({
      status: 500,
      message: "Something went wrong on our side. Please try again.",
      data: { code: "INTERNAL_SERVER_ERROR" },
    });
  });
});

describe("service errors at the route-handler edge", () => {
  it("answers every code with the status tRPC gives it", () => {
    for (const code of Object.keys(HTTP_STATUS) as ServiceErrorCode[]) {
      const tRPCStatus = getHTTPStatusCodeFromError(new TRPCError({ code }));
      expect(httpStatusOf(new ServiceError(code, "refused")), code).toBe(tRPCStatus);
    }
  });
});
