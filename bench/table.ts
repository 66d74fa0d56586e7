// Output helpers: Markdown tables (pasted into the README as printed) and small statistics.

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]) {
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export const verdict = (pass: boolean): string => (pass ? "pass" : "FAIL");

export const ms = (value: number): string => `${Math.round(value).toLocaleString("en-GB")} ms`;

export const count = (value: number): string => value.toLocaleString("en-GB");

export const ratio = (value: number): string => `${value.toFixed(2)}×`;

/** The value below which `fraction` of the sorted samples lie (nearest rank). */
export function percentile(samples: readonly number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}
