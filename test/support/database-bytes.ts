import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DATABASE_FILE } from "../../src/store/sqlite/index.js";

/** The history database's bytes as they lie on disk, write-ahead log included, for secret scans. */
export function databaseBytes(dataDir: string): string {
  return ["", "-wal"]
    .map((suffix) => {
      try {
        return readFileSync(join(dataDir, `${DATABASE_FILE}${suffix}`)).toString("latin1");
      } catch {
        return "";
      }
    })
    .join("");
}
