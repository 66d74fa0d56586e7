// Every default and limit of the product, each written once. Configuration, the csoft client,
// the simulator and the pager import them from here.

// --- csoft -------------------------------------------------------------------------------------
/** csoft's primary server, as its document names it. */
export const DEFAULT_PRIMARY_URL = "https://www.csoft.co.uk/webservices/http/sendsms";
/** The secondary: csoft's second site, tried when the primary cannot be reached. */
export const DEFAULT_SECONDARY_URL = "https://www2.csoft.co.uk/webservices/http/sendsms";
/** The document: "We suggest that you do not put more than 350 numbers in each request." */
export const MAX_BATCH_SIZE = 350;
/** Requests in flight per csoft server: enough to overlap round trips, few enough to be polite. */
export const DEFAULT_CONCURRENCY = 4;
/** Upper bound: csoft's servers are shared, and each request already carries up to 350 numbers. */
export const MAX_CONCURRENCY = 64;
/** A server that has not accepted a connection by then is down: fail over while it is cheap. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** Upper bound: a page that waits minutes for a connection is no longer an alert. */
export const MAX_CONNECT_TIMEOUT_MS = 120_000;
/** csoft answers in well under a second; past this the answer is lost and the batch unknown. */
export const DEFAULT_RESPONSE_TIMEOUT_MS = 30_000;
/** Upper bound: ten minutes, far beyond any answer csoft will still send. */
export const MAX_RESPONSE_TIMEOUT_MS = 600_000;
/** Secondary preferred this long after a failover: a flapping primary is not retried per page. */
export const DEFAULT_COOL_DOWN_MS = 60_000;
/** A day: longer would keep a recovered primary out of use for no reason. */
export const MAX_COOL_DOWN_MS = 86_400_000;
/** A connect slower than this also tries the other server: a slow primary costs 250 ms. */
export const DEFAULT_HEDGE_DELAY_MS = 250;
/** Upper bound: a later hedge would come after the connect time-out anyway. */
export const MAX_HEDGE_DELAY_MS = 60_000;

// --- Serving -----------------------------------------------------------------------------------
/** An adapter listening for HTTP, /healthz, /readyz and /metrics: the usual port of a Node service. */
export const DEFAULT_PORT = 3000;
/** The highest TCP port. */
export const MAX_PORT = 65_535;

// --- Contacts -----------------------------------------------------------------------------------
/** How often the contacts file is checked for edits: a second is soon enough, and stat is cheap. */
export const DEFAULT_CONTACTS_POLL_MS = 1000;

// --- Paging safety ------------------------------------------------------------------------------
/** Where the page history lives, relative to the working directory. */
export const DEFAULT_DATA_DIR = "./data";
/** The most numbers one command may page: a typo in a group should not page a whole company. */
export const DEFAULT_MAX_RECIPIENTS = 1000;
/** Pages per person per window: room for an incident, not for a loop. */
export const DEFAULT_RATE_LIMIT = "30/10m";
/** More numbers than this, or any address book, is confirmed before sending. */
export const DEFAULT_CONFIRM_ABOVE = 10;
/** An unanswered confirmation question expires: a page confirmed an hour late is a wrong page. */
export const DEFAULT_CONFIRM_TIMEOUT_MS = 5 * 60_000;
/** Commands handled at once; more are refused as busy rather than queued without bound. */
export const DEFAULT_MAX_IN_FLIGHT = 64;
/**
 * On SIGTERM/SIGINT, how long pages being sent may finish before they count as interrupted:
 * under Docker's 10 s between SIGTERM and SIGKILL, with time left to close after the grace.
 */
export const DEFAULT_SHUTDOWN_GRACE_MS = 8000;
/**
 * Replicas on PostgreSQL: a replica that has not renewed its lease for this long is taken for
 * dead, and a survivor marks its pages in flight as interrupted. Long enough to ride out a GC
 * pause or a database failover; short enough that a page's fate is known within a minute.
 */
export const DEFAULT_REPLICA_LEASE_MS = 30_000;
/** At least a second: a shorter lease would be lost to ordinary scheduling delays. */
export const MIN_REPLICA_LEASE_MS = 1_000;
/** At most ten minutes: longer, and a dead replica's pages stay "sending" for too long. */
export const MAX_REPLICA_LEASE_MS = 600_000;
/** A database that has not accepted a connection by then is unreachable: refuse, do not queue. */
export const DATABASE_CONNECT_TIMEOUT_MS = 5_000;
/** Upper bound of SMS_MAX_RECIPIENTS and SMS_CONFIRM_ABOVE: far beyond sane, it catches typos. */
export const MAX_PAGING_COUNT = 1_000_000;
/** Upper bound of the shutdown grace: orchestrators kill a process long before ten minutes. */
export const MAX_SHUTDOWN_GRACE_MS = 600_000;
/** Upper bound of SMS_MAX_IN_FLIGHT: beyond it the bound would no longer protect anything. */
export const MAX_IN_FLIGHT_LIMIT = 100_000;

// --- Two-way replies and escalation ------------------------------------------------------------
/** A reply starting with one of these words acknowledges a page (any letter case). */
export const DEFAULT_ACK_WORDS: readonly string[] = ["ACK", "OK", "YES"];
/** The shortest escalation step: shorter would page the next person before anyone could answer. */
export const MIN_ESCALATION_MS = 10_000;
/** The longest: a page nobody answers for a day is not escalated, it is forgotten. */
export const MAX_ESCALATION_MS = 86_400_000;
/**
 * How often the escalation engine looks for steps due without having been told of them (steps
 * another process scheduled, or one whose process stopped): a step is at most this late.
 */
export const ESCALATION_POLL_MS = 15_000;
/** A reply answers the most recent page that reached its sender within this window. */
export const DEFAULT_REPLY_WINDOW_MS = 86_400_000;

// --- csoft callbacks ----------------------------------------------------------------------------
/** csoft's Delivery Receipts and Two-Way screens take a Username and a PIN of up to 20 characters. */
export const MAX_CALLBACK_CREDENTIAL = 20;
/** A callback body is a few short fields; anything larger is not csoft's. */
export const MAX_CALLBACK_BODY_BYTES = 16_384;
/** At most one edit of a page's report per this long, however fast receipts come. */
export const DELIVERY_EDIT_INTERVAL_MS = 2_000;

// --- Simulator ----------------------------------------------------------------------------------
/** How long after accepting a message the simulator posts its delivery receipt. */
export const DEFAULT_SIMULATOR_RECEIPT_DELAY_MS = 2000;
/** Upper bound of the receipt delay: a demo that waits longer than ten minutes shows nothing. */
export const MAX_SIMULATOR_RECEIPT_DELAY_MS = 600_000;

// --- Credit --------------------------------------------------------------------------------------
/** After pages, the balance is read at most this often for the CSOFT_LOW_CREDIT warning. */
export const LOW_CREDIT_CHECK_INTERVAL_MS = 60_000;
/** A report with code 15 waits this long at most for the balance it shows; then it goes without. */
export const OUT_OF_CREDIT_BALANCE_WAIT_MS = 5_000;
