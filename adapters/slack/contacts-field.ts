// Where a person's Slack user id is written in the contacts directory, and its rule.

import { z } from "zod";
import { PLATFORM } from "./platform.js";

/** The key under a person's `ids:` (or beside `phone:`, the shorthand) holding their Slack id. */
export const CONTACTS_FIELD = PLATFORM;

export const CONTACTS_ID = z.string({ error: "slack must be a Slack user id such as U0ALICE" });
