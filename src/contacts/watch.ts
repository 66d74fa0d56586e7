import { stat } from "node:fs/promises";
import { type Clock, systemClock } from "../clock.js";
import { DEFAULT_CONTACTS_POLL_MS } from "../defaults.js";
import type { Logger } from "../log.js";
import type { Directory } from "./directory.js";
import { type ContactIdFields, loadDirectoryFile } from "./load.js";

export interface LiveDirectory {
  /** The last directory that loaded without a problem. */
  current(): Directory;
  close(): void;
}

/** What identifies one version of the file: editors that save by replacing it change the inode. */
async function versionOf(path: string): Promise<string> {
  try {
    const { ino, size, mtimeMs, ctimeMs } = await stat(path);
    return `${ino}:${size}:${mtimeMs}:${ctimeMs}`;
  } catch {
    return "missing";
  }
}

/**
 * Loads the directory (a broken file at start-up is an error) and follows later edits by
 * polling the file's stat on the clock. The version is taken before each read, so an edit that
 * lands while a read is under way is seen by the next poll instead of being lost.
 */
export async function watchDirectoryFile(
  path: string,
  logger: Logger,
  intervalMs = DEFAULT_CONTACTS_POLL_MS,
  clock: Clock = systemClock,
  idFields: ContactIdFields = {},
): Promise<LiveDirectory> {
  let loadedVersion = await versionOf(path);
  let directory = await loadDirectoryFile(path, idFields);
  logger.info({ path }, "contacts directory loaded");

  const poll = async () => {
    try {
      const version = await versionOf(path);
      if (version === loadedVersion) return;
      loadedVersion = version;
      directory = await loadDirectoryFile(path, idFields);
      logger.info({ path }, "contacts directory reloaded");
    } catch (error) {
      logger.error(
        { err: error, path },
        "contacts directory not reloaded; keeping the last good one",
      );
    }
  };
  // The next poll is set once this one is done: polls never overlap.
  let closed = false;
  let cancelTimer = () => {};
  const schedule = (): void => {
    if (closed) return;
    cancelTimer = clock.setTimer(() => void poll().then(schedule), intervalMs);
  };
  schedule();

  return {
    current: () => directory,
    close: () => {
      closed = true;
      cancelTimer();
    },
  };
}
