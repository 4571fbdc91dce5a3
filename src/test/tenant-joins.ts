/**
 * Citus readiness of the SQL the app really sends (docs/scaling.md, section 4): when one query
 * reads two tenant tables, their `org_id`s must be equal — equated to each other, or each to the
 * same value — or a distributed database could not route the query to one shard. The integration
 * harness (`test-database.ts`) records every statement with its parameters and checks them after
 * each test file; statements are parsed by PostgreSQL's own parser (libpg-query), not by patterns.
 */
import { loadModule, parseSync } from "libpg-query";

type AstNode = Record<string, unknown>;

interface Entry {
  key: string;
  table: string;
  name: string;
}

interface Scope {
  entries: Entry[];
  parent: Scope | null;
  /** Tenant tables of outer scopes this scope's expressions refer to (correlated subqueries). */
  outerReferences: Set<Entry>;
}

export interface JoinViolation {
  query: string;
  tables: string[];
}

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(x, root);
    return root;
  }
  union(a: string, b: string) {
    this.parent.set(this.find(a), this.find(b));
  }
}

const isObject = (v: unknown): v is AstNode => typeof v === "object" && v !== null && !Array.isArray(v);
const STATEMENTS = ["SelectStmt", "UpdateStmt", "DeleteStmt", "InsertStmt"];

function stringsOf(fields: unknown): string[] {
  return Array.isArray(fields)
    ? fields.map((f) => (isObject(f) && isObject(f.String) ? String(f.String.sval) : "*"))
    : [];
}

/** Checks one statement; returns the tenant tables of each scope whose org_ids are not all tied. */
function checkStatement(root: AstNode, params: readonly unknown[], tenantTables: ReadonlySet<string>): string[][] {
  const uf = new UnionFind();
  const scopes: Scope[] = [];
  let counter = 0;

  const resolve = (scope: Scope, fields: string[]): { entry: Entry; outer: boolean } | null => {
    const column = fields.at(-1);
    const qualifier = fields.length >= 2 ? fields.at(-2) : null;
    for (let s: Scope | null = scope, outer = false; s; s = s.parent, outer = true) {
      const match = qualifier
        ? s.entries.find((e) => e.name === qualifier)
        : column === "org_id" && s.entries.length === 1
          ? s.entries[0]
          : undefined;
      if (match) return { entry: match, outer };
      if (qualifier === null) return null;
    }
    return null;
  };

  /** What an `org_id =` compares with: another entry, a parameter's value, a constant, a function. */
  const valueKey = (scope: Scope, node: unknown): string | null => {
    if (!isObject(node)) return null;
    if (isObject(node.TypeCast)) return valueKey(scope, node.TypeCast.arg);
    if (isObject(node.ParamRef)) return `value:${JSON.stringify(params[Number(node.ParamRef.number) - 1] ?? null)}`;
    if (isObject(node.A_Const)) return `value:${JSON.stringify(node.A_Const.sval ?? node.A_Const.ival ?? null)}`;
    if (isObject(node.FuncCall)) return `function:${stringsOf(node.FuncCall.funcname).join(".")}`;
    if (isObject(node.ColumnRef)) {
      const fields = stringsOf(node.ColumnRef.fields);
      if (fields.at(-1) !== "org_id") return null;
      return resolve(scope, fields)?.entry.key ?? null;
    }
    return null;
  };

  const addEntries = (scope: Scope, from: unknown) => {
    if (Array.isArray(from)) return from.forEach((f) => addEntries(scope, f));
    if (!isObject(from)) return;
    if (isObject(from.RangeVar)) {
      const table = String(from.RangeVar.relname);
      const alias = isObject(from.RangeVar.alias) ? String(from.RangeVar.alias.aliasname) : table;
      if (tenantTables.has(table)) scope.entries.push({ key: `entry:${counter++}`, table, name: alias });
    } else if (isObject(from.JoinExpr)) {
      addEntries(scope, from.JoinExpr.larg);
      addEntries(scope, from.JoinExpr.rarg);
    }
  };

  /** Walks expressions of a scope; nested statements open scopes of their own. */
  const walk = (scope: Scope, node: unknown): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(scope, n));
    if (!isObject(node)) return;
    for (const kind of STATEMENTS) if (isObject(node[kind])) return visit(node[kind] as AstNode, kind, scope);
    if (isObject(node.A_Expr) && stringsOf(node.A_Expr.name).join() === "=") {
      const left = valueKey(scope, node.A_Expr.lexpr);
      const right = valueKey(scope, node.A_Expr.rexpr);
      const leftIsEntry = left?.startsWith("entry:") ?? false;
      const rightIsEntry = right?.startsWith("entry:") ?? false;
      if (left && right && (leftIsEntry || rightIsEntry)) uf.union(left, right);
    }
    if (isObject(node.ColumnRef)) {
      const found = resolve(scope, stringsOf(node.ColumnRef.fields));
      if (found?.outer) scope.outerReferences.add(found.entry);
    }
    for (const value of Object.values(node)) walk(scope, value);
  };

  const visit = (stmt: AstNode, kind: string, parent: Scope | null): void => {
    if (kind === "SelectStmt" && stmt.op && stmt.op !== "SETOP_NONE") {
      walk(
        parent ?? newScope(null),
        [stmt.larg, stmt.rarg].map((s) => ({ SelectStmt: s })),
      );
      return;
    }
    const scope = newScope(parent);
    const ctes = isObject(stmt.withClause) ? stmt.withClause.ctes : undefined;
    if (Array.isArray(ctes))
      for (const cte of ctes) if (isObject(cte)) walk(parent ?? scope, (cte.CommonTableExpr as AstNode)?.ctequery);
    if (kind === "UpdateStmt" || kind === "DeleteStmt") addEntries(scope, { RangeVar: stmt.relation });
    addEntries(scope, stmt.fromClause);
    addEntries(scope, stmt.usingClause);
    const { withClause: _with, relation: _relation, ...rest } = stmt;
    walk(scope, rest);
  };

  const newScope = (parent: Scope | null): Scope => {
    const scope: Scope = { entries: [], parent, outerReferences: new Set() };
    scopes.push(scope);
    return scope;
  };

  for (const kind of STATEMENTS) if (isObject(root[kind])) visit(root[kind] as AstNode, kind, null);

  const violations: string[][] = [];
  for (const scope of scopes) {
    const joined = [...scope.entries, ...scope.outerReferences];
    if (joined.length < 2) continue;
    const roots = new Set(joined.map((e) => uf.find(e.key)));
    if (roots.size > 1) violations.push(joined.map((e) => e.table));
  }
  return violations;
}

let loaded: Promise<void> | null = null;

/** Recorded statements, each with the parameter lists it ran with (a few per statement are enough). */
export class StatementLog {
  private readonly statements = new Map<string, unknown[][]>();

  record(query: string, params: readonly unknown[]) {
    const runs = this.statements.get(query);
    if (!runs) this.statements.set(query, [[...params]]);
    else if (runs.length < 3) runs.push([...params]);
  }

  async violations(tenantTables: ReadonlySet<string>): Promise<JoinViolation[]> {
    loaded ??= loadModule();
    await loaded;
    const found: JoinViolation[] = [];
    for (const [query, runs] of this.statements) {
      let parsed: { stmts?: { stmt: AstNode }[] };
      try {
        parsed = parseSync(query) as typeof parsed;
      } catch {
        continue; // not SQL PostgreSQL would run either: the test that sent it has failed already
      }
      for (const params of runs) {
        for (const { stmt } of parsed.stmts ?? []) {
          for (const tables of checkStatement(stmt, params, tenantTables)) found.push({ query, tables });
        }
      }
    }
    return found;
  }
}
