// The store's queries, written once in Kysely for every engine: pages and their results,
// request keys, rate windows, questions and replica leases. Each engine (sqlite/, postgres/) builds its store
// with createStore; what differs between them is in ../engine.ts.
export { createStore } from "./store.js";
