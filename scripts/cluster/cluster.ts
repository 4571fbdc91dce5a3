/**
 * The local production topology (ADR 022), all on 127.0.0.1: pg_auto_failover (a monitor, node A
 * the primary, node B its synchronous streaming standby), PgBouncer in transaction mode in front of
 * whichever node is primary (re-pointed by a watcher on the monitor's `state` channel), N `next
 * start` instances of one production build, and HAProxy in front of them. Used by `npm run cluster`
 * (main.ts), `npm run test:cluster` (test.ts) and the bench. Everything it starts is recorded under
 * .cluster/<name>/pids and stopped by `stop()`, or by the next start after a crash.
 */
import { execFile as execFileCallback, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { connect as netConnect } from "node:net";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { provisionAppLogin } from "~/server/db/app-login";
import { connect } from "~/server/db/connection";
import { applyMigrations } from "~/server/db/migrate";
import { demoAccounts, seedDemo } from "~/server/seed/seed-demo";
import { now } from "~/lib/clock";
import { ProcessTable } from "./processes";
import { databasesSection, routingFor, sameRouting, type MonitorNode, type Routing } from "./routing";

const execFile = promisify(execFileCallback);

const PG_BIN = "/usr/lib/postgresql/15/bin";
const DATABASE = "runbalance";
const OWNER_ROLE = "runbalance_owner";
const APP_ROLE_LOGIN = "runbalance_web";
const ADMIN_USER = "cluster_admin";
const HOST = "127.0.0.1";
export const NODE_NAMES = ["a", "b"] as const;
export type NodeName = (typeof NODE_NAMES)[number];

/**
 * The monitor's health checks, tightened so that a dead primary is noticed in about two seconds and
 * the standby takes over in about six (ADR 022 gives the reasons; the defaults take 30 s or more).
 */
export const MONITOR_SETTINGS: Record<string, number> = {
  "pgautofailover.health_check_period": 1000,
  "pgautofailover.health_check_timeout": 1000,
  "pgautofailover.health_check_max_retries": 1,
  "pgautofailover.health_check_retry_delay": 500,
  "pgautofailover.node_considered_unhealthy_timeout": 2000,
  "pgautofailover.primary_demote_timeout": 4000,
  "pgautofailover.startup_grace_period": 2000,
};
/** The keepers' side: a primary cut off from monitor and standby demotes itself within 3 s (< primary_demote_timeout). */
const KEEPER_SETTINGS: Record<string, string> = { "timeout.network_partition_timeout": "3" };

/** HAProxy's health checks of the instances: every second, two failures take one out, two successes put it back. */
export const HAPROXY_CHECK = { interMs: 1000, fall: 2, rise: 2 };

export interface ClusterOptions {
  /** The state directory .cluster/<name> (data, configuration, logs, pid files). */
  name: string;
  /** Ports: monitor +1, nodes +2 and +3, PgBouncer +10, HAProxy +20, instances +31…; all on 127.0.0.1. */
  basePort: number;
  instances: number;
  log?: (line: string) => void;
  /** Extra environment for the app instances. */
  appEnv?: Record<string, string>;
}

export interface Cluster {
  /** HAProxy: the app's URL. */
  url: string;
  instanceUrls: string[];
  ports: ReturnType<typeof portsFor>;
  /** The owner's direct multi-host URL (target_session_attrs=read-write), never through PgBouncer. */
  ownerDirectUrl: string;
  /** A superuser's URL of one node, for tests that look at it directly. */
  nodeUrl: (node: NodeName) => string;
  /** The app instances' environment (DATABASE_URL through PgBouncer and so on). */
  appEnv: Record<string, string>;
  /** The monitor's current routing (what PgBouncer was last pointed at). */
  routing: () => Routing | null;
  /** SIGKILL to a node's pg_autoctl and its PostgreSQL: the machine is gone. */
  crashNode: (node: NodeName) => Promise<void>;
  /** SIGKILL to one `next start` (index from 0). */
  killInstance: (index: number) => Promise<void>;
  /** The process group of each instance (index from 0), to tell which one holds a connection. */
  instanceGroups: () => (number | undefined)[];
  /** HAProxy's view of each instance: "UP", "DOWN", … by server name app-1, app-2, … */
  haproxyStates: () => Promise<Map<string, string>>;
  describe: () => string[];
  stop: () => Promise<void>;
}

export const portsFor = (basePort: number, instances: number) => ({
  monitor: basePort + 1,
  nodes: { a: basePort + 2, b: basePort + 3 } as Record<NodeName, number>,
  pgbouncer: basePort + 10,
  haproxy: basePort + 20,
  instances: Array.from({ length: instances }, (_, i) => basePort + 31 + i),
});

const isRoot = () => process.getuid?.() === 0;

/**
 * pg_autoctl and PgBouncer refuse to run as root: run them as the `postgres` system user then.
 * pg_autoctl keeps its configuration, state and pid files outside PGDATA (XDG directories, keyed by
 * the PGDATA path): pointed into the state directory, they go with the data at the next start, and a
 * fresh node is never taken for one "dropped previously".
 */
const postgresRunner = (pgDir: string) => {
  const env = [
    `PATH=${PG_BIN}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    `XDG_CONFIG_HOME=${join(pgDir, "xdg", "config")}`,
    `XDG_DATA_HOME=${join(pgDir, "xdg", "data")}`,
    `XDG_RUNTIME_DIR=${join(pgDir, "xdg", "run")}`,
  ];
  return (argv: string[]): [string, string[]] =>
    isRoot() ? ["runuser", ["-u", "postgres", "--", "env", ...env, ...argv]] : ["env", [...env, ...argv]];
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`);
    await sleep(200);
  }
}

async function httpStatus(url: string): Promise<number> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

function requireTools(): void {
  const missing = ["/usr/bin/pg_autoctl", "/usr/sbin/pgbouncer", "/usr/sbin/haproxy", `${PG_BIN}/pg_ctl`].filter(
    (path) => !existsSync(path),
  );
  if (missing.length > 0)
    throw new Error(`missing ${missing.join(", ")}: run \`sudo bash scripts/ensure-cluster-tools.sh\` first`);
}

/** HAProxy's answer when no instance can take a request: 503 with Retry-After, like the app's own. */
const HAPROXY_503 = [
  "HTTP/1.1 503 Service Unavailable",
  "Content-Type: application/json",
  "Cache-Control: no-store",
  "Retry-After: 2",
  "Connection: close",
  "",
  JSON.stringify({ error: "The service is briefly unavailable; please try again." }),
  "",
].join("\r\n");

function haproxyConfig(stateDir: string, port: number, instancePorts: number[]): string {
  const { interMs, fall, rise } = HAPROXY_CHECK;
  return `global
  stats socket ${join(stateDir, "haproxy.sock")} mode 600 level admin
  pidfile ${join(stateDir, "haproxy.pid")}

defaults
  mode http
  option httplog
  option forwardfor
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  timeout http-request 10s
  # Retry only when the request never reached an instance (refused or timed-out connection), and on
  # another instance: a request an instance may have started is never sent twice by the proxy.
  retries 2
  retry-on conn-failure
  option redispatch 1
  errorfile 503 ${join(stateDir, "haproxy-503.http")}

frontend app
  bind ${HOST}:${port}
  default_backend instances

backend instances
  balance roundrobin
  option httpchk GET /api/health
  http-check expect status 200
  default-server inter ${interMs} fastinter ${interMs / 2} downinter ${interMs} fall ${fall} rise ${rise}
${instancePorts.map((p, i) => `  server app-${i + 1} ${HOST}:${p} check`).join("\n")}
`;
}

function pgbouncerConfig(stateDir: string, port: number, routing: Routing): string {
  return `${databasesSection(routing, DATABASE)}
[pgbouncer]
listen_addr = ${HOST}
listen_port = ${port}
unix_socket_dir =
pidfile = ${join(stateDir, "pgbouncer.pid")}
auth_type = scram-sha-256
auth_file = ${join(stateDir, "pgbouncer-users.txt")}
admin_users = ${ADMIN_USER}
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 20
reserve_pool_size = 5
; A dead server is reported within 2 s, and tried again after 1 s, not PgBouncer's 15 s defaults:
; during a failover the app answers 503 quickly and recovers as soon as the new primary is set.
server_connect_timeout = 2
server_login_retry = 1
query_wait_timeout = 15
; postgres.js sends these start-up parameters; PgBouncer would refuse the connection otherwise.
ignore_startup_parameters = extra_float_digits,options
`;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.log ?? ((line: string) => console.log(`[cluster] ${line}`));
  requireTools();
  const stateDir = resolve(".cluster", options.name);
  const processes = new ProcessTable(stateDir);
  await processes.stopStale(log);
  // Fresh data every start: the cluster is for trying and testing the topology, not for keeping data.
  rmSync(join(stateDir, "pg"), { recursive: true, force: true });
  rmSync(join(stateDir, "logs"), { recursive: true, force: true });
  // The state directory must be traversable by the `postgres` user; its data directories are its own.
  mkdirSync(stateDir, { recursive: true, mode: 0o755 });
  mkdirSync(join(stateDir, "pg"), { mode: 0o700 });
  const postgresUser = isRoot() ? spawnSync("id", ["-u", "postgres"]).stdout.toString().trim() : "";
  const giveToPostgres = (path: string) => {
    if (postgresUser) chownSync(path, Number(postgresUser), Number(postgresUser));
  };
  giveToPostgres(join(stateDir, "pg"));

  const asPostgres = postgresRunner(join(stateDir, "pg"));
  const ports = portsFor(options.basePort, options.instances);
  const pgdata = (name: string) => join(stateDir, "pg", name);
  const superuserUrl = (port: number, database = DATABASE) => `postgres://postgres@${HOST}:${port}/${database}`;
  const secret = (bytes = 18) => randomBytes(bytes).toString("base64url");
  const passwords = { owner: secret(), app: secret(), admin: secret() };
  const nextAuthSecret = secret(32);

  let watcherSql: postgres.Sql | undefined;
  let watcherTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (watcherTimer) clearInterval(watcherTimer);
    await watcherSql?.end({ timeout: 1 }).catch(() => {});
    await processes.stopAll([["node-a", "node-b"], ["monitor"]]);
  };

  const pgAutoctl = async (args: string[]) => {
    const [command, argv] = asPostgres(["pg_autoctl", ...args]);
    const { stdout } = await execFile(command, argv, { cwd: "/tmp" });
    return stdout;
  };
  const runPgAutoctl = (name: string) => {
    const [command, argv] = asPostgres(["pg_autoctl", "run", "--pgdata", pgdata(name)]);
    return processes.start(name === "monitor" ? "monitor" : `node-${name}`, command, argv);
  };

  try {
    // 1. The monitor, its health checks tightened.
    log("creating the pg_auto_failover monitor");
    const common = ["--hostname", HOST, "--listen", HOST, "--auth", "trust", "--no-ssl", "--pgctl", `${PG_BIN}/pg_ctl`];
    await pgAutoctl(["create", "monitor", "--pgdata", pgdata("monitor"), "--pgport", String(ports.monitor), ...common]);
    runPgAutoctl("monitor");
    const monitorAdmin = postgres(superuserUrl(ports.monitor, "pg_auto_failover"), { max: 1, onnotice: () => {} });
    try {
      await waitFor("the monitor", async () => (await monitorAdmin`select 1 as ok`).length === 1);
      for (const [setting, value] of Object.entries(MONITOR_SETTINGS))
        await monitorAdmin.unsafe(`alter system set ${setting} = ${value}`);
      await monitorAdmin`select pg_reload_conf()`;
    } finally {
      await monitorAdmin.end({ timeout: 1 });
    }
    const monitorUri = `postgres://autoctl_node@${HOST}:${ports.monitor}/pg_auto_failover?sslmode=disable`;

    // 2. Node A (becomes the primary), then node B (cloned from A with pg_basebackup, then its standby).
    const monitorSql = postgres(superuserUrl(ports.monitor, "pg_auto_failover"), { max: 1, onnotice: () => {} });
    const readNodes = async (): Promise<MonitorNode[]> =>
      (
        await monitorSql<
          { name: string; host: string; port: number; goal: string; reported: string; health: number }[]
        >`select nodename as name, nodehost as host, nodeport as port, goalstate::text as goal,
                 reportedstate::text as reported, health
            from pgautofailover.node where formationid = 'default' order by nodeid`
      ).map((row) => ({ ...row }));
    for (const name of NODE_NAMES) {
      log(`creating node ${name.toUpperCase()} on port ${ports.nodes[name]}`);
      await pgAutoctl([
        "create",
        "postgres",
        "--pgdata",
        pgdata(name),
        "--pgport",
        String(ports.nodes[name]),
        "--name",
        name,
        "--dbname",
        DATABASE,
        "--monitor",
        monitorUri,
        ...common,
      ]);
      for (const [key, value] of Object.entries(KEEPER_SETTINGS))
        await pgAutoctl(["config", "set", "--pgdata", pgdata(name), key, value]);
      runPgAutoctl(name);
      const wanted = name === "a" ? ["single"] : ["secondary"];
      await waitFor(
        `node ${name.toUpperCase()} to be ${wanted.join("/")}`,
        async () => {
          const node = (await readNodes()).find((n) => n.name === name);
          return node && wanted.includes(node.reported) && node.reported === node.goal;
        },
        120_000,
      );
    }
    await waitFor("A primary and B secondary", async () => {
      const nodes = await readNodes();
      return nodes.some((n) => n.name === "a" && n.reported === "primary" && n.goal === "primary");
    });

    // 3. The owner, migrations, the demo data and the app's login, over a direct connection: the
    //    migration's advisory lock is session-level and cannot pass through a transaction pooler.
    const uriTable = await pgAutoctl(["show", "uri", "--formation", "default", "--pgdata", pgdata("monitor")]);
    const formationUri = /postgres:\/\/\S+target_session_attrs=read-write\S*/.exec(uriTable)?.[0];
    if (!formationUri) throw new Error(`pg_autoctl show uri gave no formation URI:\n${uriTable}`);
    const hosts = formationUri.slice("postgres://".length, formationUri.indexOf("/", "postgres://".length));
    const ownerDirectUrl = `postgres://${OWNER_ROLE}:${passwords.owner}@${hosts}/${DATABASE}?target_session_attrs=read-write&sslmode=disable`;
    const primaryAdmin = postgres(ownerDirectUrl.replace(`${OWNER_ROLE}:${passwords.owner}`, "postgres"), {
      max: 1,
      onnotice: () => {},
    });
    let primaryPort: number;
    try {
      await primaryAdmin.unsafe(
        `create role ${OWNER_ROLE} login createrole password '${passwords.owner}'; alter database ${DATABASE} owner to ${OWNER_ROLE}`,
      );
      const [row] = await primaryAdmin<{ port: number }[]>`select inet_server_port() as port`;
      primaryPort = row!.port;
    } finally {
      await primaryAdmin.end({ timeout: 1 });
    }
    // Graphile Worker's part of the migration uses node-postgres, which has no multi-host URLs: the
    // multi-host URL found the primary, the migration runs on that node's own URL.
    const ownerPrimaryUrl = `postgres://${OWNER_ROLE}:${passwords.owner}@${HOST}:${primaryPort}/${DATABASE}?sslmode=disable`;
    log("migrating and seeding the demo organisation (direct connection to the primary)");
    await applyMigrations(ownerPrimaryUrl);
    const seeding = connect(ownerDirectUrl, { max: 2 });
    try {
      await seedDemo(seeding.db, now());
    } finally {
      await seeding.close();
    }
    await provisionAppLogin(ownerPrimaryUrl, { role: APP_ROLE_LOGIN, password: passwords.app });

    // 4. PgBouncer, pointed by the watcher at the monitor's current primary and standby.
    let routing = routingFor(await readNodes());
    if (!routing) throw new Error("the monitor names no primary");
    const confDir = join(stateDir, "conf");
    rmSync(confDir, { recursive: true, force: true });
    mkdirSync(confDir, { recursive: true, mode: 0o700 });
    giveToPostgres(confDir);
    const usersFile = join(confDir, "pgbouncer-users.txt");
    writeFileSync(
      usersFile,
      [
        `"${OWNER_ROLE}" "${passwords.owner}"`,
        `"${APP_ROLE_LOGIN}" "${passwords.app}"`,
        `"${ADMIN_USER}" "${passwords.admin}"`,
        "",
      ].join("\n"),
      { mode: 0o600 },
    );
    giveToPostgres(usersFile);
    const iniFile = join(confDir, "pgbouncer.ini");
    const writeIni = (r: Routing) => {
      writeFileSync(iniFile, pgbouncerConfig(confDir, ports.pgbouncer, r), { mode: 0o600 });
      giveToPostgres(iniFile);
    };
    writeIni(routing);
    const [bouncerCommand, bouncerArgs] = asPostgres(["/usr/sbin/pgbouncer", iniFile]);
    processes.start("pgbouncer", bouncerCommand, bouncerArgs);
    const admin = async (command: string) => {
      await execFile(
        "psql",
        ["-X", "-q", "-h", HOST, "-p", String(ports.pgbouncer), "-U", ADMIN_USER, "-d", "pgbouncer", "-c", command],
        { env: { ...process.env, PGPASSWORD: passwords.admin, PGCONNECT_TIMEOUT: "3" } },
      );
    };
    await waitFor("PgBouncer", async () => (await admin("SHOW VERSION"), true));

    // The failover glue: pg_auto_failover NOTIFYs on `state` at every state change of a node; on each,
    // read the nodes again and, when the primary or standby moved, rewrite [databases], RELOAD
    // (PgBouncer closes server connections whose parameters changed) and RECONNECT the rest. A
    // one-second poll backs the notifications up (a LISTEN connection lost during a switch).
    let refreshing = Promise.resolve();
    const refresh = () => {
      refreshing = refreshing.then(async () => {
        if (stopped) return;
        const next = routingFor(await readNodes().catch(() => []));
        if (!next || sameRouting(next, routing)) return;
        log(
          `failover glue: primary ${next.primary.port}, replica pool ${next.replica.port} (was ${routing!.primary.port}, ${routing!.replica.port})`,
        );
        routing = next;
        writeIni(next);
        await admin("RELOAD").catch((error) => log(`PgBouncer RELOAD failed: ${String(error)}`));
        await admin("RECONNECT").catch((error) => log(`PgBouncer RECONNECT failed: ${String(error)}`));
      });
      return refreshing;
    };
    watcherSql = monitorSql;
    await monitorSql.listen("state", () => void refresh());
    watcherTimer = setInterval(() => void refresh(), 1000);

    // 5. The app instances: one production build, the same secret, each its own port and job worker.
    if (!existsSync(".next/BUILD_ID")) {
      log("no production build in .next: running `npm run build` once");
      await execFile("npm", ["run", "build"], { maxBuffer: 64 * 1024 * 1024 });
    }
    const url = `http://${HOST}:${ports.haproxy}`;
    const bouncer = (user: string, password: string, database: string, extra = "") =>
      `postgres://${user}:${password}@${HOST}:${ports.pgbouncer}/${database}${extra}`;
    const appEnv: Record<string, string> = {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: nextAuthSecret,
      // Transaction pooling (PgBouncer 1.18): no named prepared statements (postgres.js reads
      // `prepare=false` from the URL itself; see src/server/db/connection.ts and ADR 022).
      DATABASE_URL: bouncer(APP_ROLE_LOGIN, passwords.app, DATABASE, "?prepare=false"),
      DATABASE_REPLICA_URL: bouncer(APP_ROLE_LOGIN, passwords.app, `${DATABASE}_replica`, "?prepare=false"),
      WORKER_DATABASE_URL: bouncer(OWNER_ROLE, passwords.owner, `${DATABASE}_session`),
      RUNBALANCE_WORKER: "inline",
      RUNBALANCE_EXPOSE_DB_ROUTE: "1",
      // HAProxy adds X-Forwarded-For: one proxy of ours in front of the app.
      TRUSTED_PROXY_HOPS: "1",
      ...options.appEnv,
    };
    const nextBin = resolve("node_modules/next/dist/bin/next");
    const instanceUrls = ports.instances.map((port) => `http://${HOST}:${port}`);
    ports.instances.forEach((port, i) =>
      processes.start(
        `app-${i + 1}`,
        process.execPath,
        [nextBin, "start", "--port", String(port), "--hostname", HOST],
        {
          ...process.env,
          ...appEnv,
          PORT: String(port),
        },
      ),
    );
    log(`starting ${options.instances} app instance(s)`);
    await Promise.all(
      instanceUrls.map((u) => waitFor(`${u}/api/health`, async () => (await httpStatus(`${u}/api/health`)) === 200)),
    );

    // 6. HAProxy in front.
    writeFileSync(join(confDir, "haproxy-503.http"), HAPROXY_503);
    writeFileSync(join(confDir, "haproxy.cfg"), haproxyConfig(confDir, ports.haproxy, ports.instances));
    processes.start("haproxy", "/usr/sbin/haproxy", ["-db", "-f", join(confDir, "haproxy.cfg")]);
    await waitFor("HAProxy", async () => (await httpStatus(`${url}/api/health`)) === 200);

    const haproxyStates = () =>
      new Promise<Map<string, string>>((done, fail) => {
        const socket = netConnect(join(confDir, "haproxy.sock"));
        let out = "";
        socket.on("data", (chunk) => (out += chunk.toString()));
        socket.on("error", fail);
        socket.on("end", () => {
          const states = new Map<string, string>();
          for (const line of out.split("\n")) {
            // CSV: pxname, svname, …, the 18th column is the status.
            const fields = line.split(",");
            if (fields[0] === "instances" && fields[1]?.startsWith("app-")) states.set(fields[1], fields[17] ?? "");
          }
          done(states);
        });
        socket.end("show stat\n");
      });

    const describe = () => [
      `app (HAProxy, round-robin, health checks on /api/health): ${url}`,
      ...instanceUrls.map((u, i) => `  instance app-${i + 1}: ${u}  (next start, inline job worker)`),
      `PgBouncer (transaction mode): ${HOST}:${ports.pgbouncer}  databases ${DATABASE} → primary, ${DATABASE}_replica → standby, ${DATABASE}_session → primary (session mode, job worker)`,
      `pg_auto_failover monitor: ${HOST}:${ports.monitor}`,
      ...NODE_NAMES.map((n) => {
        const role = routing?.primary.port === ports.nodes[n] ? "primary" : "standby";
        return `  node ${n.toUpperCase()}: ${HOST}:${ports.nodes[n]}  (${role}, PGDATA ${pgdata(n)})`;
      }),
      `direct owner URL (migrations): ${ownerDirectUrl.replace(passwords.owner, "…")}`,
      `demo sign-in: ${demoAccounts().coaches[0]!.email} / ${demoAccounts().password}`,
      `logs: ${join(stateDir, "logs")}`,
    ];

    return {
      url,
      instanceUrls,
      ports,
      ownerDirectUrl,
      nodeUrl: (node) => superuserUrl(ports.nodes[node]),
      appEnv,
      routing: () => routing,
      crashNode: (node) => processes.kill(`node-${node}`),
      killInstance: (index) => processes.kill(`app-${index + 1}`),
      instanceGroups: () => ports.instances.map((_, i) => processes.running.get(`app-${i + 1}`)?.pgid),
      haproxyStates,
      describe,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
