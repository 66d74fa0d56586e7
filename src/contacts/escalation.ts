// A group of the contacts file: a list of members, or a map with members and an escalation policy.
import { z } from "zod";
import { normaliseNumber } from "../command/index.js";
import { durationSchema } from "../escalation/duration.js";
import type { EscalationStep } from "../escalation/policy.js";

const stepSchema = z.strictObject({
  after: durationSchema,
  to: z
    .union([z.string(), z.array(z.string())], { error: "to is a name, a number or a list" })
    .transform((to) => (Array.isArray(to) ? to : [to])),
  on_failure: z.boolean({ error: "on_failure is true or false" }).optional(),
});

const membersSchema = z.array(z.string(), { error: "a group is a list of names" });

/** `[alice, bob]`, or `{ members: [alice, bob], escalate: [{ after: 5m, to: [carol] }] }`. */
export const groupSchema = z.preprocess(
  (value) => (Array.isArray(value) ? { members: value } : value),
  z.strictObject(
    {
      members: membersSchema,
      escalate: z.array(stepSchema, { error: "escalate is a list of steps" }).optional(),
    },
    { error: "a group is a list of names, or { members: [...], escalate: [...] }" },
  ),
);

export type GroupEntry = z.infer<typeof groupSchema>;

export function membersOf(entry: GroupEntry): string[] {
  return entry.members;
}

/** The steps of a group's policy, in order; empty when it has none. */
export function stepsOf(entry: GroupEntry): EscalationStep[] {
  return (entry.escalate ?? []).map((step) => ({
    afterMs: step.after,
    to: step.to,
    onFailure: step.on_failure ?? false,
  }));
}

/** A problem of one step of a group's policy (its index from 0). */
export interface StepProblem {
  step: number;
  problem: string;
}

/**
 * What is wrong with a group's policy: a step not later than the one before it, or a
 * recipient that is neither a known name nor an international number.
 */
export function policyProblems(
  group: string,
  steps: readonly EscalationStep[],
  known: (name: string) => boolean,
): StepProblem[] {
  const problems: StepProblem[] = [];
  steps.forEach((step, index) => {
    const previous = steps[index - 1];
    if (previous !== undefined && step.afterMs <= previous.afterMs) {
      problems.push({
        step: index,
        problem: `group ${group}: escalation step ${index + 1} must come later than step ${index}`,
      });
    }
    for (const to of step.to) {
      if (!known(to.toLowerCase()) && normaliseNumber(to) === null) {
        problems.push({
          step: index,
          problem: `group ${group}: escalation step ${index + 1} names "${to}", who is not in people or groups`,
        });
      }
    }
  });
  return problems;
}
