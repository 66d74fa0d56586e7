import { describe, expect, it } from "vitest";
import { formatDuration, readDuration } from "../../src/escalation/duration.js";

describe("escalation durations", () => {
  it.each([
    ["10s", 10_000],
    ["90s", 90_000],
    ["5m", 300_000],
    ["1h30m", 5_400_000],
    [" 2H ", 7_200_000],
    ["24h", 86_400_000],
  ])("reads %j as %i ms", (text, ms) => {
    expect(readDuration(text)).toEqual({ ms });
  });

  it.each([
    ["9s", "is too short: durations run from 10s to 24h."],
    ["0m", "is too short: durations run from 10s to 24h."],
    ["1441m", "is too long: durations run from 10s to 24h."],
    ["1d", "is not a duration from 10s to 24h, such as 30s, 5m, 1h30m."],
    ["10", "is not a duration from 10s to 24h, such as 30s, 5m, 1h30m."],
    ["", "is not a duration from 10s to 24h, such as 30s, 5m, 1h30m."],
    ["-5m", "is not a duration from 10s to 24h, such as 30s, 5m, 1h30m."],
  ])("refuses %j", (text, problem) => {
    expect(readDuration(text)).toEqual({ problem });
  });

  it.each([
    [10_000, "10s"],
    [90_000, "1m30s"],
    [5_400_000, "1h30m"],
    [86_400_000, "24h"],
  ])("writes %i ms as %j, which it reads back", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(readDuration(text)).toEqual({ ms });
  });
});
