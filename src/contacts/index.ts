// The contacts directory: people and groups by name, each person's ids on the chat platforms
// (by the adapters' contacts fields), read from YAML with every problem's line, and followed live.
export { createDirectory, type Directory, type Person } from "./directory.js";
export {
  type ContactIdFields,
  ContactsError,
  loadDirectoryFile,
  parseDirectory,
} from "./load.js";
export { type LiveDirectory, watchDirectoryFile } from "./watch.js";
