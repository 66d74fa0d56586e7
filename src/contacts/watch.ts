import { type StatWatcher, unwatchFile, watchFile } from "node:fs";
import type { Logger } from "../log.js";
import type { Directory } from "./directory.js";
import { loadDirectoryFile } from "./load.js";

export interface LiveDirectory {
  /** The last directory that loaded without a problem. */
  current(): Directory;
  /** Reads the file again; a broken file keeps the last good directory and logs why. */
  reload(): Promise<void>;
  close(): void;
}

/**
 * Loads the directory (a broken file at start-up is an error) and follows later edits.
 * Polling the file's stat survives editors that save by replacing the file.
 */
export async function watchDirectoryFile(
  path: string,
  logger: Logger,
  intervalMs = 1000,
): Promise<LiveDirectory> {
  let directory = await loadDirectoryFile(path);
  logger.info({ path }, "contacts directory loaded");
  const reload = async () => {
    try {
      directory = await loadDirectoryFile(path);
      logger.info({ path }, "contacts directory reloaded");
    } catch (error) {
      logger.error(
        { err: error, path },
        "contacts directory not reloaded; keeping the last good one",
      );
    }
  };
  const watcher: StatWatcher = watchFile(
    path,
    { interval: intervalMs, persistent: false },
    (now, before) => {
      if (now.mtimeMs !== before.mtimeMs || now.size !== before.size) void reload();
    },
  );
  return {
    current: () => directory,
    reload,
    close: () => {
      watcher.removeAllListeners();
      unwatchFile(path);
    },
  };
}
