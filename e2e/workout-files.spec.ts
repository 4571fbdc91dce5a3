/**
 * Issue 15, point 5: the athlete downloads the FIT workout of a structured planned session and the
 * file holds the planned steps (decoded here with Garmin's SDK), with their own paces as targets.
 */
import { Decoder, Stream } from "@garmin/fitsdk";
import { expectAccessible, submitSignIn } from "./support";
import { expect, test, type Page } from "./test";

/** Maya's demo week has a structured tempo on its second day: 10' warm-up, 3 × (8' T, 2' jog), 5' cool-down. */
const ATHLETE = "maya@riverside.example";

/** A decoded workout step as [duration type, seconds, intensity, target type] or a repeat marker. */
const STEP_SHAPE = (m: Record<string, unknown>) =>
  m.durationType === "repeatUntilStepsCmplt"
    ? ["repeat from", m.durationStep, "times", m.repeatSteps]
    : [m.durationType, m.durationTime, m.intensity, m.targetType];

const EXPECTED_STEPS = [
  ["time", 600, "warmup", "open"],
  // Maya has no race: T pace is an effort on her watch, never a made-up pace.
  ["time", 480, "active", "open"],
  ["time", 120, "recovery", "open"],
  ["repeat from", 1, "times", 3],
  ["time", 300, "cooldown", "open"],
];

async function signIn(page: Page, email: string) {
  await submitSignIn(page, email);
  await expect(page.getByRole("heading", { name: "This week", exact: true })).toBeVisible();
}

test("the athlete downloads this week's structured session for their watch", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, ATHLETE);
  const link = page.getByRole("link", { name: "Download for your watch (.FIT)" }).first();
  await expect(link).toBeVisible();
  await expectAccessible(page, "This week with a structured session");

  const downloadPromise = page.waitForEvent("download");
  await link.click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^runbalance-\d{4}-\d{2}-\d{2}-\w+\.fit$/);
  const bytes = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks));

  const decoder = new Decoder(Stream.fromByteArray(new Uint8Array(bytes)));
  expect(decoder.isFIT()).toBe(true);
  expect(decoder.checkIntegrity()).toBe(true);
  const { messages, errors } = new Decoder(Stream.fromByteArray(new Uint8Array(bytes))).read();
  expect(errors).toEqual([]);
  expect(messages.fileIdMesgs?.[0]?.type).toBe("workout");
  expect(messages.workoutMesgs?.[0]?.sport).toBe("running");
  const steps = messages.workoutStepMesgs ?? [];
  expect(steps.map((m) => STEP_SHAPE(m as Record<string, unknown>))).toEqual(EXPECTED_STEPS);
  expect(steps[1]?.notes).toBe("T pace effort, RPE 6–7");
});
