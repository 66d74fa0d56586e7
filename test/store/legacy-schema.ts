// The schema as the first releases wrote it, before the Migrator: one step per entry, applied in
// order, `PRAGMA user_version` holding how many. Frozen here to build the databases they left.
export const LEGACY_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE request_keys (
    key TEXT PRIMARY KEY,
    received_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE pages (
    id INTEGER PRIMARY KEY,
    request_key TEXT,
    platform TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    channel_id TEXT,
    created_at TEXT NOT NULL,
    -- JSON arrays: labels as the parent message shows them, then the numbers and books paged.
    recipients TEXT NOT NULL,
    numbers TEXT NOT NULL,
    address_books TEXT NOT NULL,
    message TEXT NOT NULL,
    -- JSON of the delivery options (flash, delay, at, service, reply-to).
    options TEXT NOT NULL,
    state TEXT NOT NULL
      CHECK (state IN ('sending', 'completed', 'interrupted', 'refused', 'cancelled')),
    -- Why a page was refused or cancelled, for the audit.
    reason TEXT,
    completed_at TEXT
  ) STRICT;
  CREATE INDEX pages_by_state ON pages (state);
  CREATE INDEX pages_by_actor ON pages (platform, actor_id, created_at);

  CREATE TABLE results (
    page_id INTEGER NOT NULL REFERENCES pages (id),
    recipient TEXT NOT NULL,
    report_code INTEGER,
    outcome TEXT NOT NULL,
    meaning TEXT NOT NULL,
    message_id TEXT,
    server TEXT,
    recorded_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX results_by_page ON results (page_id);
  CREATE INDEX results_by_message_id ON results (message_id);
  CREATE INDEX results_by_recipient ON results (recipient, recorded_at);
  `,
  // A resend to the numbers whose result was unknown: the page it resends.
  `
  ALTER TABLE pages ADD COLUMN resend_of INTEGER REFERENCES pages (id);
  `,
  // Confirmation questions: a row holds the whole page to send once its requester confirms.
  `
  CREATE TABLE questions (
    id TEXT PRIMARY KEY,
    requester_platform TEXT NOT NULL,
    requester_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'confirmed', 'cancelled', 'expired')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    answered_at TEXT
  ) STRICT;
  CREATE INDEX questions_open ON questions (state, expires_at);
  `,
];
