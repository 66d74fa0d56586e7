// Printing: each scenario gives a section (a Markdown table and its notes), printed as the README
// shows it, with the verdicts that decide the exit code.
import type { Verdict } from "./verdict.js";

export interface Section {
  title: string;
  header: readonly string[];
  rows: readonly (readonly string[])[];
  /** One per judged row; rows that are only a reference have none. */
  verdicts: readonly Verdict[];
  notes?: readonly string[];
}

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]) {
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function renderSection(section: Section): string {
  const notes = section.notes?.length ? `\n\n${section.notes.join("\n")}` : "";
  return `**${section.title}**\n\n${markdownTable(section.header, section.rows)}${notes}\n`;
}

export const ms = (value: number): string => `${Math.round(value).toLocaleString("en-GB")} ms`;

/** A time with one decimal, for figures of a few milliseconds. */
export const fineMs = (value: number): string => `${value.toFixed(1)} ms`;

/** A difference from a reference, signed. */
export const signedMs = (value: number): string =>
  `${value < 0 ? "−" : "+"}${fineMs(Math.abs(value))}`;

export const count = (value: number): string => value.toLocaleString("en-GB");
