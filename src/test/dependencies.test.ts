/**
 * What package.json promises about Node.js holds for what it installs, the README says the same,
 * and packages with published advisories are at or past the version that fixed the last of them.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";

interface Manifest {
  version: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
}

const manifest = (path: string): Manifest => JSON.parse(readFileSync(resolve(path), "utf8")) as Manifest;
const project = manifest("package.json");
const installed = (name: string) => manifest(`node_modules/${name}/package.json`);

describe("Node.js versions", () => {
  const promised = project.engines!.node!;
  const oldest = semver.minVersion(promised)!;

  it("every runtime dependency runs on the oldest Node.js package.json promises", () => {
    const refusing = Object.keys(project.dependencies!)
      .map((name) => ({ name, range: installed(name).engines?.node }))
      .filter(({ range }) => range && !semver.satisfies(oldest, range))
      .map(({ name, range }) => `${name} needs Node ${range}`);
    expect(refusing, `package.json promises Node ${promised}`).toEqual([]);
  });

  it("the README promises the same Node.js as package.json", () => {
    const readme = readFileSync(resolve("README.md"), "utf8");
    expect(readme).toContain(`Node.js ${oldest.major}.${oldest.minor} or newer`);
    expect(readme).not.toMatch(/Node(\.js)? \d+\+/);
  });
});

describe("packages with published advisories", () => {
  // The version fixing the most recent advisory each package had when this was last checked.
  it.each([["nodemailer", "10.1.4"]])("%s is at %s or newer", (name, fixed) => {
    expect(semver.gte(installed(name).version, fixed)).toBe(true);
  });
});
