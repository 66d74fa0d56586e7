/** The escalation steps a page stores before it is sent. */
import type { SendCommand } from "../command/types.js";
import type { EscalationStep } from "../escalation/policy.js";
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

/** Stores a page's steps before it is sent, and tells the engine to look again. */
export async function scheduleEscalation(
  c: PagerContext,
  command: SendCommand,
  pageId: number,
): Promise<void> {
  const steps = escalationSteps(c, command, pageId, c.at());
  if (steps.length === 0) return;
  await c.store.scheduleTimers(steps, c.at());
  await c.escalations?.scheduled();
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
  try {
    const first = await c.store.firstPageOf(pageId);
    if ((await c.store.hastenFailureSteps(first, c.at())) > 0) await c.escalations?.scheduled();
  } catch (error) {
    // The steps still fire at their time: only their hurry is lost.
    c.logger.error({ err: error, page: pageId }, "could not bring escalation steps forward");
  }
}
