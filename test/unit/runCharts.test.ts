import { describe, expect, it } from "vitest"
import { runCharts } from "../../src/report/runCharts.js"
import { renderSvg } from "../../src/report/vegaSvg.js"
import { stubArtefact } from "../support/artefacts.js"

describe("the run report's charts", () => {
  it("counts failed comparisons in whole numbers, also when none failed", async () => {
    const chart = runCharts(stubArtefact()).find((c) => c.id === "failed-comparisons")
    if (chart === undefined) throw new Error("no failed-comparisons chart")
    const svg = await renderSvg(chart.spec)
    const ticks = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/gu)].map((m) => m[1] ?? "")
    expect(ticks).toContain("0")
    expect(ticks.filter((t) => /^\d+\.\d+$/u.test(t))).toEqual([])
  })
})
