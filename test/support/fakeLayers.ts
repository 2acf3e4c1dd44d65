import { createHash } from "node:crypto"
import { Effect, Layer } from "effect"
import type { AnchorEssay } from "../../src/domain/inventory.js"
import { sandboxCjAdmin } from "../../src/layers/sandbox/sandboxCjAdmin.js"
import { CjAdmin, type AssignmentContext } from "../../src/services/CjAdmin.js"
import { Progress } from "../../src/services/Progress.js"
import { RunLog } from "../../src/services/RunLog.js"

/** An anchor as CJ would hold it, for seeding the sandbox CJ. */
export const anchorEssay = (anchorId: string, grade: string): AnchorEssay => {
  const text = `Anchor essay ${anchorId}, graded ${grade}.`
  const checksum = createHash("sha256").update(text).digest("hex")
  return { path: `/cj/${anchorId}.txt`, fileName: `${anchorId}.txt`, bytes: Buffer.byteLength(text), checksum, text, anchorId, grade, csvGrade: null }
}

/** The sandbox CJ knowing only the given assignments, each holding the given anchors. */
export const fakeCjAdmin = (assignments: ReadonlyArray<AssignmentContext>, anchors: ReadonlyArray<AnchorEssay> = []) =>
  Layer.succeed(CjAdmin, sandboxCjAdmin({ assignments, anchors: Effect.succeed(anchors) }))

export const quietBase = Layer.mergeAll(Progress.silent, RunLog.discard)
