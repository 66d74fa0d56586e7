/** `count` distinct numbers the simulator accepts (report code -2: none ends in a special pair). */
export function acceptedNumbers(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `4477${String(i * 100 + 42).padStart(8, "0")}`);
}

export const BENCH_CREDENTIALS = { username: "bench", pin: "0000" } as const;
