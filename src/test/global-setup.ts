/**
 * Integration tests run against a real PostgreSQL: the server named by DATABASE_URL when it is set
 * (CI runs the suite a second time that way; the URL must be allowed to create databases and roles,
 * e.g. the `postgres` superuser), otherwise a throw-away embedded one. Migrations are applied once to
 * a template database; each test file clones it (CREATE DATABASE … TEMPLATE), which takes about a
 * tenth of a second, so files never share data. The run also gets a login of its own for the app,
 * created here and dropped at the end: tests that act as the app connect with it.
 */
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { provisionAppLogin, type AppLogin } from "~/server/db/app-login";
import { applyMigrations } from "~/server/db/migrate";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { databaseUrl } from "./database-url";

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgTemplate: string;
    pgPrefix: string;
    /** The app's own login for this run (src/server/db/app-login.ts): restricted like production's. */
    pgAppLogin: AppLogin;
  }
}

export default async function setup(project: TestProject) {
  let serverUrl: string;
  let prefix = "rb";
  let stopServer = async () => {};
  if (process.env.DATABASE_URL) {
    // Clones are made on the same server and named after the given database, then dropped.
    serverUrl = databaseUrl(process.env.DATABASE_URL, "postgres");
    prefix = new URL(process.env.DATABASE_URL).pathname.slice(1).replace(/\W/g, "_") || prefix;
  } else {
    const server = await startEmbeddedPostgres({
      dataDir: resolve(`.data/test-postgres-${process.pid}`),
      persistent: false,
      preferredPort: 55432,
    });
    serverUrl = server.serverUrl;
    stopServer = server.stop;
  }

  const template = `${prefix}_template_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${template}`);
  await applyMigrations(databaseUrl(serverUrl, template));
  // A template with open connections cannot be cloned; the migrator closed its own.
  await admin.unsafe(`alter database ${template} with is_template true`);

  // Cluster-wide, so named per run: parallel runs on one server never share (or reset) a login.
  const appLogin = {
    role: `${prefix}_app_${randomBytes(4).toString("hex")}`,
    password: randomBytes(18).toString("base64url"),
  };
  await provisionAppLogin(databaseUrl(serverUrl, template), appLogin);

  project.provide("pgServerUrl", serverUrl);
  project.provide("pgTemplate", template);
  project.provide("pgPrefix", prefix);
  project.provide("pgAppLogin", appLogin);

  return async () => {
    await admin.unsafe(`alter database ${template} with is_template false`);
    await admin.unsafe(`drop database if exists ${template} with (force)`);
    await admin.unsafe(`drop role if exists "${appLogin.role}"`);
    await admin.end({ timeout: 5 });
    await stopServer();
  };
}
