import { randomBytes } from "node:crypto";
import { unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ReadinessCheck } from "./readiness.js";

/** Ready only while a file can be created and removed in `dir` (full disk, read-only mount). */
export function dataDirWritable(dir: string): ReadinessCheck {
  return {
    name: "data_dir_writable",
    async check() {
      const probe = join(dir, `.readyz-${process.pid}-${randomBytes(4).toString("hex")}`);
      try {
        await writeFile(probe, "ok", { flag: "wx" });
        await unlink(probe);
        return true;
      } catch {
        await unlink(probe).catch(() => undefined);
        return false;
      }
    },
  };
}
