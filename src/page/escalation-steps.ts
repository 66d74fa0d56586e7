/** The escalation steps a page stores before it is sent, and what brings them forward. */
import type { SendCommand } from "../command/types.js";
import type { EscalationStep } from "../escalation/policy.js";
import type { NumberDeliveryState } from "../store/receipt-types.js";
import type { NewTimer } from "../store/twoway-types.js";
import type { PagerContext } from "./context.js";
import type { PageReport } from "./types.js";

/**
 * The steps of a page: the command's own, then the policies of the groups it names, in the
 * order they fall due (from the first page), numbered from 1.
 */
export function escalationSteps(
  c: Pick<PagerContext, "directory">,
  command: SendCommand,
  pageId: number,
  at: number,
): NewTimer[] {
  const steps: EscalationStep[] = command.escalation ? [command.escalation] : [];
  const directory = c.directory?.();
  for (const ref of command.recipients) {
    if (ref.kind === "name") steps.push(...(directory?.escalation?.(ref.name) ?? []));
  }
  return steps
    .map((step, order) => ({ step, order }))
    .sort((a, b) => a.step.afterMs - b.step.afterMs || a.order - b.order)
    .map(({ step }, index) => ({
      pageId,
      step: index + 1,
      dueAt: at + step.afterMs,
      recipients: step.to,
      onFailure: step.onFailure,
    }));
}

/** Stores a page's steps before it is sent, and tells the engine to look again; how many. */
export async function scheduleEscalation(
  c: PagerContext,
  command: SendCommand,
  pageId: number,
): Promise<number> {
  const steps = escalationSteps(c, command, pageId, c.at());
  if (steps.length === 0) return 0;
  await c.store.scheduleTimers(steps, c.at());
  await c.escalations?.scheduled();
  return steps.length;
}

/**
 * A page that failed for every number it named (csoft refused them all) will not be
 * acknowledged: its chain's `on_failure` steps fire at once instead of waiting.
 */
export async function escalateOnFailure(
  c: PagerContext,
  pageId: number,
  report: PageReport,
): Promise<void> {
  const { results } = report;
  if (results.length === 0 || !results.every((result) => result.outcome === "failed")) return;
  await hastenFailureSteps(c, pageId);
}

/** A number csoft refused, or one its receipt says never reached the handset. */
const NEVER_ARRIVED = new Set<NumberDeliveryState>(["not-sent", "not-delivered"]);

/**
 * The same for a page csoft accepted whose receipts then said, number by number, that none
 * reached its handset: called after each not-delivered receipt, it acts on the last one.
 */
export async function escalateIfUndelivered(c: PagerContext, pageId: number): Promise<void> {
  try {
    const numbers = await c.store.pageDeliveries(pageId);
    if (numbers.length === 0 || !numbers.every((n) => NEVER_ARRIVED.has(n.state))) return;
  } catch (error) {
    c.logger.error({ err: error, page: pageId }, "could not read a page's deliveries");
    return;
  }
  await hastenFailureSteps(c, pageId);
}

async function hastenFailureSteps(c: PagerContext, pageId: number): Promise<void> {
  try {
    const first = await c.store.firstPageOf(pageId);
    if ((await c.store.hastenFailureSteps(first, c.at())) > 0) await c.escalations?.scheduled();
  } catch (error) {
    // The steps still fire at their time: only their hurry is lost.
    c.logger.error({ err: error, page: pageId }, "could not bring escalation steps forward");
  }
}
