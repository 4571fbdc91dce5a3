import "server-only";
import { Column, getTableColumns, type SQL, type Table } from "drizzle-orm";

/**
 * Several loaders' rows in one statement: a statement returns each table's rows as json objects keyed
 * by a loader's field names, and the data layer decodes them into the very shapes the separate queries
 * return, through each field's column. Used where round trips dominate a request (the run log, ADR
 * 024); everywhere else the plain queries read better. Also the other way: rows as json records for
 * an insert that one statement makes conditional.
 */
export type Selection = Record<string, Column | SQL>;

/**
 * A json object of a selection's fields as the plain query would have returned it: each column's
 * value through the column's own decoder (timestamps become Dates, as with the driver's text);
 * expressions as they are.
 */
export function decodeJsonRow<Row>(selection: Selection, value: Record<string, unknown>): Row {
  const row: Record<string, unknown> = {};
  for (const [field, source] of Object.entries(selection)) {
    const raw = value[field];
    // A field the statement did not return is a statement out of step with the loader: fail loudly.
    if (raw === undefined) throw new Error(`the json row has no field ${field}`);
    row[field] =
      raw === null || raw === undefined || !(source instanceof Column) ? (raw ?? null) : source.mapFromDriverValue(raw);
  }
  return row as Row;
}

/**
 * `values` (keyed by the table's field names) as one json record keyed by its column names, for
 * `jsonb_populate_record(null::<table>, …)` in an insert that a single statement makes conditional.
 * Dates become ISO strings, which PostgreSQL reads back exactly (to the millisecond JavaScript has).
 */
export function columnRecordOf(table: Table, values: Record<string, unknown>): Record<string, unknown> {
  const columns = getTableColumns(table);
  return Object.fromEntries(
    Object.entries(values).map(([field, value]) => {
      const column = columns[field];
      if (!column) throw new Error(`no column for field ${field}`);
      return [column.name, value instanceof Date ? value.toISOString() : value];
    }),
  );
}
