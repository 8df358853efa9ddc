// axe-core on a page (shadow roots included), as a test assertion: no violations, each one
// listed with the elements it concerns when there are.
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";

export async function assertAccessible(page, label, build = (b) => b) {
  const { violations } = await build(new AxeBuilder({ page })).analyze();
  const report = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
  );
  assert.deepEqual(report, [], `axe-core found violations (${label}):\n${report.join("\n")}`);
}
