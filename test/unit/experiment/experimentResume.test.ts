import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import type { InvalidExperiment } from "../../../src/errors.js"
import { batchSeed, decide, planBatches } from "../../../src/programs/experimentResume.js"
import { checkResumable } from "../../../src/programs/experimentRun.js"
import type { LoadedCell } from "../../../src/programs/experimentSpec.js"
import { batchRecord, cellNamed, experimentState, writeRunFolder } from "../../support/experimentFolders.js"

/** Each batch's seed in a fresh experiment, by cell and repeat. */
const seedsOf = async (cells: ReadonlyArray<LoadedCell>, repeats: number) =>
  new Map((await Effect.runPromise(planBatches(cells, repeats, []))).flatMap((a) => (a._tag === "Start" ? [[`${a.cell.name} #${a.repeat}`, a.seed] as const] : [])))

describe("resuming an experiment", () => {
  it("keeps a finished batch, follows a published live one again, and starts the rest afresh", () => {
    expect(decide(null)).toBe("start")
    expect(decide({ published: false, sandbox: false, outcome: "not_followed" })).toBe("start")
    expect(decide({ published: true, sandbox: false, outcome: "completed" })).toBe("keep")
    expect(decide({ published: true, sandbox: true, outcome: "batch_failed" })).toBe("keep")
    expect(decide({ published: true, sandbox: false, outcome: "interrupted" })).toBe("attach")
    expect(decide({ published: true, sandbox: false, outcome: "timed_out" })).toBe("attach")
    expect(decide({ published: true, sandbox: false, outcome: null })).toBe("attach")
    expect(decide({ published: true, sandbox: true, outcome: "interrupted" })).toBe("start")
  })

  it("reads each batch's run folder: labels, seeds, earlier attempts kept on record", async () => {
    const cells = [cellNamed("base", 10), cellNamed("lc", 10)]
    const records = [
      batchRecord("base", 1, await writeRunFolder({ published: true, sandbox: false, outcome: "completed", costUsd: 1.25 })),
      batchRecord("base", 2, await writeRunFolder({ published: true, sandbox: false, outcome: "interrupted" })),
      { ...batchRecord("lc", 1, await writeRunFolder({ published: true, sandbox: true, outcome: "interrupted" })), seed: 777 },
      batchRecord("lc", 2, join(tmpdir(), "eng5-resume-never-written"))
    ]
    const actions = await Effect.runPromise(planBatches(cells, 3, records))
    expect(actions.map((a) => a._tag)).toEqual(["Keep", "Attach", "Start", "Start", "Start", "Start"])
    // A kept batch counts at the cost its artefact records.
    expect(actions[0]).toMatchObject({ _tag: "Keep", outcome: "completed", costUsd: 1.25 })
    const starts = actions.flatMap((a) => (a._tag === "Start" ? [a] : []))
    expect(starts.map((a) => [a.cell.name, a.repeat, a.label])).toEqual([
      ["base", 3, "base-r3"],
      ["lc", 1, "lc-r1"],
      ["lc", 2, "lc-r2"],
      ["lc", 3, "lc-r3"]
    ])
    // A rehearsal cut short is started again with the seed it had, so it gives the same run.
    expect(starts.map((a) => a.seed)).toEqual([batchSeed(cells[0] as LoadedCell, 3), 777, 1, batchSeed(cells[1] as LoadedCell, 3)])
    expect(starts[1]?.previous).toEqual([{ batch_uuid: "uuid-lc-1", run_folder: records[2]?.run_folder }])
    expect(starts[0]?.previous).toEqual([])
  })

  it("gives every batch a seed of its own that raising repeats or adding a cell does not change", async () => {
    const before = await seedsOf([cellNamed("base"), cellNamed("lc")], 2)
    const after = await seedsOf([cellNamed("base"), cellNamed("lc"), cellNamed("added")], 5)
    expect(before.size).toBe(4)
    for (const [batch, seed] of before) expect(after.get(batch)).toBe(seed)
    // No two batches rehearse with the same seed (the same comparisons would inflate their agreement).
    expect(new Set(after.values()).size).toBe(15)
    // The cell's --seed moves every batch's seed.
    const reseeded = await seedsOf([cellNamed("base", 2), cellNamed("lc", 2)], 2)
    for (const [batch, seed] of reseeded) expect(before.get(batch)).not.toBe(seed)
  })
})

const experiment = (cells: ReadonlyArray<LoadedCell>, sandbox = false) => ({ file: "/study.yaml", spec: { mode: "execute", sandbox }, cells })
const problemsOf = (exit: Exit.Exit<void, InvalidExperiment>) => (Exit.isSuccess(exit) ? null : exit.cause.reasons.flatMap((reason) => (reason._tag === "Fail" ? reason.error.problems.map((p) => p.where) : [])))

describe("resuming a changed experiment", () => {
  it("goes on with new cells and unchanged ones, and refuses a changed cell, another mode or a switch between rehearsal and data", async () => {
    const base = cellNamed("base")
    const added = cellNamed("added")
    expect(problemsOf(await Effect.runPromiseExit(checkResumable(experiment([base, added]), experimentState([{ cell: "base", fingerprint: "f" }]), "/folder")))).toBeNull()
    const changed = { ...base, fingerprint: "other" }
    expect(problemsOf(await Effect.runPromiseExit(checkResumable(experiment([changed]), experimentState([{ cell: "base", fingerprint: "f" }]), "/folder")))).toEqual(["cell base"])
    expect(problemsOf(await Effect.runPromiseExit(checkResumable(experiment([base], true), experimentState([{ cell: "base", fingerprint: "f" }], { mode: "anchor-align" }), "/folder")))).toEqual(["mode", "sandbox"])
  })
})
