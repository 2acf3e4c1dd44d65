import { symlinkSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import type { AssessmentRunArtefact } from "../../src/domain/artefact.js"
import { GRADE_SCALES } from "../../src/domain/gradeScales.js"
import { collectInventory } from "../../src/inventory/collectInventory.js"
import { writeRunReportHtml } from "../../src/programs/reportHtml.js"
import { listRuns } from "../../src/programs/runsList.js"
import { stubArtefact } from "../support/artefacts.js"
import { tempDir } from "../support/assets.js"

/** Failures of the disk and of eng5's own code, each under its own tag with its own fix: none reported as another, none as a bug when it is not one. */
describe("file failures are typed with their fix", () => {
  it.effect("a dataset folder the disk refuses to look at is said to be unreadable, not missing", () =>
    Effect.gen(function* () {
      const loop = join(tempDir(), "dataset")
      symlinkSync(loop, loop)
      const error = yield* Effect.flip(collectInventory({ assetsDir: loop, gradeScale: GRADE_SCALES.eng5_np_legacy_9_step! }))
      assert.strictEqual(error._tag, "InvalidAssets")
      assert.include(error.message, `${loop} cannot be read (ELOOP)`)
      assert.include(error.fix, "permissions")
    })
  )

  it.effect("runs list on an output directory that is a file fails with the fix, instead of listing nothing", () =>
    Effect.gen(function* () {
      const file = join(tempDir(), "eng5-runs")
      writeFileSync(file, "")
      const error = yield* Effect.flip(listRuns(file))
      assert.strictEqual(error._tag, "RunFolderUnusable")
      assert.include(error.message, "ENOTDIR")
      assert.include(error.fix, "--output-dir")
    })
  )

  it.effect("charts that cannot be drawn are reported as an eng5 bug with the data intact, not as a full disk", () =>
    Effect.gen(function* () {
      // An artefact no schema allows (its comparisons missing) makes the charts fail, as a bug in them would.
      const broken = { ...stubArtefact(), llm_comparisons: undefined } as unknown as AssessmentRunArtefact
      const error = yield* Effect.flip(writeRunReportHtml(tempDir(), broken))
      assert.strictEqual(error._tag, "ReportRenderFailed")
      assert.include(error.fix, "data is intact")
    })
  )
})
