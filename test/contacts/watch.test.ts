import { mkdtempSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LiveDirectory, watchDirectoryFile } from "../../src/contacts/watch.js";
import { type ManualClock, manualClock, until } from "../support/manual-timer.js";

const ALICE_ONLY = "people:\n  alice: { phone: '447700900001' }\n";
const WITH_BOB = `${ALICE_ONLY}  bob: { phone: '447700900002' }\n`;

let live: LiveDirectory | undefined;
let clock: ManualClock;
beforeEach(() => {
  clock = manualClock();
});
afterEach(() => live?.close());

function capturedLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: "info" }, destination), lines };
}

/** Moves the clock a poll interval at a time until `check` holds. */
const polledUntil = (check: () => boolean) =>
  until(() => {
    clock.advance(POLL_MS);
    return check();
  });

const POLL_MS = 1000;

describe("watchDirectoryFile", () => {
  it("picks up an edit without a restart", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "contacts-")), "contacts.yaml");
    writeFileSync(file, ALICE_ONLY);
    live = await watchDirectoryFile(file, capturedLogger().logger, POLL_MS, clock);
    expect(live.current().lookup("bob")).toBeUndefined();
    writeFileSync(file, WITH_BOB);
    await polledUntil(() => live?.current().lookup("bob") !== undefined);
    expect(live.current().lookup("bob")?.[0]?.phone).toBe("447700900002");
  });

  it("picks up a file replaced by an editor, even when its size is unchanged", async () => {
    const dir = mkdtempSync(join(tmpdir(), "contacts-"));
    const file = join(dir, "contacts.yaml");
    writeFileSync(file, ALICE_ONLY);
    live = await watchDirectoryFile(file, capturedLogger().logger, POLL_MS, clock);
    const replacement = join(dir, "contacts.yaml.tmp");
    writeFileSync(replacement, ALICE_ONLY.replace("alice", "carol"));
    renameSync(replacement, file);
    await polledUntil(() => live?.current().lookup("carol") !== undefined);
    expect(live.current().lookup("alice")).toBeUndefined();
  });

  it("keeps the last good directory when an edit breaks the file, and logs why", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "contacts-")), "contacts.yaml");
    writeFileSync(file, WITH_BOB);
    const { logger, lines } = capturedLogger();
    live = await watchDirectoryFile(file, logger, POLL_MS, clock);
    writeFileSync(file, `${WITH_BOB}groups:\n  oncall: [bob, nobody]\n`);
    await polledUntil(() => lines.some((line) => line.includes("keeping the last good one")));
    expect(live.current().lookup("bob")?.[0]?.phone).toBe("447700900002");
    expect(lines.join("")).toContain('contacts.yaml:5: group oncall names \\"nobody\\"');
  });

  it("polls on its clock, one poll at a time, and stops when closed", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "contacts-")), "contacts.yaml");
    writeFileSync(file, ALICE_ONLY);
    live = await watchDirectoryFile(file, capturedLogger().logger, POLL_MS, clock);
    expect(clock.pending()).toBe(1);
    live.close();
    expect(clock.pending()).toBe(0);
  });

  it("refuses a broken file at start-up", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "contacts-")), "contacts.yaml");
    writeFileSync(file, "people:\n  a: { phone: '12' }\n");
    await expect(watchDirectoryFile(file, capturedLogger().logger)).rejects.toThrow(
      /contacts\.yaml:2: a's phone/,
    );
  });
});
