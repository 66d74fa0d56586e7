// npm run bench (options in settings.ts). Everything runs on 127.0.0.1: the csoft simulator, a
// fake Slack, and the real client and bot. Exits 1 on a structural miss, or on a time beyond
// twice its target: a time between its target and twice it is reported, as the machine is shared.
import { availableParallelism, cpus, loadavg } from "node:os";
import { costSection } from "./cost-per-number.js";
import { failoverSection } from "./failover.js";
import { BENCH_CREDENTIALS } from "./fixtures.js";
import { idlePageSection } from "./idle-page.js";
import { naiveSection } from "./naive.js";
import { startSimulatorProcess } from "./remote-simulator.js";
import { replicasSection } from "./replicas.js";
import { readSettings } from "./settings.js";
import { slackAckSection } from "./slack-ack.js";
import { renderSection, type Section } from "./table.js";
import { throughputSection } from "./throughput.js";
import type { Verdict } from "./verdict.js";

const say = (text = "") => process.stdout.write(`${text}\n`);

/** The load averages over 1, 5 and 15 minutes, against the CPUs there are to share. */
const machineLoad = () =>
  `load ${loadavg()
    .map((load) => load.toFixed(2))
    .join(" / ")} (1 / 5 / 15 min) on ${availableParallelism()} CPU`;

async function main(): Promise<void> {
  const settings = readSettings();
  const started = performance.now();
  say("# csoft-chatops benchmark");
  say();
  say(
    `Node ${process.version}, ${availableParallelism()} CPU (${cpus()[0]?.model.trim() ?? "unknown"}); ` +
      `csoft simulator latency ${settings.latencyMs} ms; client concurrency ${settings.concurrency}; all on 127.0.0.1.`,
  );
  say(`At the start: ${machineLoad()}.`);
  say();
  const verdicts: Verdict[] = [];
  const print = (section: Section) => {
    say(renderSection(section));
    verdicts.push(...section.verdicts);
  };
  // csoft's side runs in a process of its own, as on its own machine, for the whole run.
  const csoft = await startSimulatorProcess({
    ...BENCH_CREDENTIALS,
    latencyMs: settings.latencyMs,
  });
  try {
    print(await throughputSection(settings, csoft));
    print(await naiveSection(settings, csoft));
    print(await idlePageSection(settings, csoft));
    print(await costSection(settings, csoft));
    print(await slackAckSection(settings, csoft));
    print(await replicasSection(settings, csoft));
  } finally {
    await csoft.close();
  }
  print(await failoverSection(settings));
  const failed = verdicts.filter((verdict) => verdict === "FAIL").length;
  const over = verdicts.filter((verdict) => verdict === "over target").length;
  say(`At the end: ${machineLoad()}.`);
  say(
    `Total ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      (failed > 0
        ? `${failed} target(s) FAILED.`
        : over > 0
          ? `${over} time(s) over target but under twice it (noise on a loaded machine?).`
          : "every target met."),
  );
  if (failed > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
