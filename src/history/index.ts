// The page history: what was paged, by whom, and what csoft answered for each number.
export { DATABASE_FILE, openDatabaseFile, openHistoryDatabase } from "./database.js";
export { createSqliteStore } from "./sqlite-store.js";
export type {
  Declined,
  HistoryStore,
  NewPage,
  PageRow,
  PageState,
  ResendSource,
  ResultRow,
} from "./types.js";
