import "server-only";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

/**
 * New passwords: at least MIN_PASSWORD_LENGTH characters (schemas.ts) and not guessable, as judged by
 * zxcvbn-ts with its common-password and English dictionaries: a score of 3 or more ("safely
 * unguessable", about 10^8 guesses) also refuses variations such as "Password1!" or "sunshine2020"
 * and passwords made of the person's own name or email. Server-only: the dictionaries are large, and
 * are loaded on the first check, not with the server.
 */
export const MIN_PASSWORD_SCORE = 3;

let checker: Promise<ZxcvbnFactory> | undefined;

function loadChecker(): Promise<ZxcvbnFactory> {
  checker ??= Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
  ]).then(
    ([core, common, en]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
        // Bounded work per check (a 128-character random password took seconds with the defaults):
        // the first 64 characters are judged, with up to 3 l33t substitutions ("P@ssw0rd2024!" is
        // still caught). Anything longer that passes on its first 64 characters is long enough.
        maxLength: 64,
        l33tMaxSubstitutions: 3,
      }),
  );
  return checker;
}

/** Why a new password is refused, or null when it is strong enough. `userInputs`: the person's name, email. */
export async function passwordWeakness(password: string, userInputs: string[] = []): Promise<string | null> {
  const zxcvbn = await loadChecker();
  const words = userInputs.flatMap((input) => input.toLowerCase().split(/[^a-z0-9]+/)).filter((w) => w.length >= 3);
  const result = zxcvbn.check(password, [...userInputs.map((i) => i.toLowerCase()), ...words]);
  // zxcvbn discounts the person's own words only a little: half the password from them is too much.
  const own = result.sequence
    .filter((match) => match.pattern === "dictionary" && match.dictionaryName === "userInputs")
    .reduce((length, match) => length + match.token.length, 0);
  if (own * 2 >= password.length) return "This password is based on your name or email. Choose something else.";
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  return [
    result.feedback.warning ?? "This password is too easy to guess.",
    result.feedback.suggestions[0] ?? "Add another word or two.",
  ].join(" ");
}
