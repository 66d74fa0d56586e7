// Where a person's Discord user id is written in the contacts directory, and its rule.

import { z } from "zod";
import { PLATFORM } from "./platform.js";

/** The key under a person's `ids:` (or beside `phone:`, the shorthand) holding their Discord id. */
export const CONTACTS_FIELD = PLATFORM;

/** Quoted: Discord ids are larger than YAML numbers can hold exactly. */
export const CONTACTS_ID = z
  .string({ error: 'discord must be a quoted id such as "100000000000000005"' })
  .regex(/^\d+$/, "discord must be a Discord user id (digits)");
