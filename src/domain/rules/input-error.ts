/** How the engine reports invalid input: one message and where it is, e.g. ["runs", 0, "rpe"]. */
export type PathSegment = string | number;

export interface InputError {
  readonly message: string;
  readonly path: PathSegment[];
}

export type ParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: InputError };

export function fail(message: string, path: PathSegment[]): { ok: false; error: InputError } {
  return { ok: false, error: { message, path } };
}

/** zod paths may hold symbols; JSON paths may not. */
export function toJsonPath(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment));
}
