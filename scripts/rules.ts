/**
 * The rules engine's command line:
 *   npm run --silent rules -- evaluate < week.json
 *   npm run --silent rules -- paces < race.json
 * Reads one JSON document on stdin and writes one JSON document on stdout. Invalid JSON, invalid
 * input or an unknown command prints {"error":{"message","path"}} and exits with status 2; a
 * partial evaluation is never printed.
 */
import { evaluateWeek, paceGuidance } from "../src/domain/rules";
import { parseEvaluateInput, parsePacesInput, type InputError, type ParseResult } from "../src/domain/rules/parse";

const COMMANDS = ["evaluate", "paces"] as const;
type Command = (typeof COMMANDS)[number];

function isCommand(name: string | undefined): name is Command {
  return (COMMANDS as readonly (string | undefined)[]).includes(name);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): ParseResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: { message: `invalid JSON: ${(error as Error).message}`, path: [] } };
  }
}

/** Runs a command on a JSON text: the document to print, or the error to report. */
function runCommand(command: string | undefined, text: string): ParseResult<unknown> {
  if (!isCommand(command)) {
    return {
      ok: false,
      error: { message: `unknown command "${command ?? ""}": use ${COMMANDS.join(" or ")}`, path: [] },
    };
  }
  const json = parseJson(text);
  if (!json.ok) return json;
  if (command === "evaluate") {
    const input = parseEvaluateInput(json.value);
    return input.ok ? { ok: true, value: evaluateWeek(input.value) } : input;
  }
  const race = parsePacesInput(json.value);
  return race.ok ? { ok: true, value: paceGuidance(race.value.distanceM, race.value.timeS) } : race;
}

function print(document: unknown): void {
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

async function main(): Promise<void> {
  const command = process.argv[2];
  // Do not wait for stdin when the command is wrong anyway.
  const result = isCommand(command) ? runCommand(command, await readStdin()) : runCommand(command, "");
  if (result.ok) {
    print(result.value);
    return;
  }
  print({ error: result.error satisfies InputError });
  // exitCode, not exit(): stdout to a pipe is asynchronous and must drain first.
  process.exitCode = 2;
}

await main();
