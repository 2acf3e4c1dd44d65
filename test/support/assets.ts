import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { RunOptions } from "../../src/programs/runSettings.js"
import { makeDocx } from "./documents.js"

export type FileBody = string | Uint8Array

/** Essay text long enough to be a real anchor (CJ wants ≥ 100 characters). */
export const essayText = (seed: string): string =>
  `${seed}: this essay argues that school libraries should stay open in the evening, because pupils need a quiet place to read and work.`

const defaultAnchors: Record<string, FileBody> = {
  "anchor_A1.docx": makeDocx([essayText("A first paragraph"), "A second paragraph."]),
  "anchor_B1.txt": essayText("B"),
  "anchor_E-1.txt": essayText("E minus")
}

const defaultStudents: Record<string, FileBody> = {
  "student_01.txt": essayText("student one"),
  "student_02.docx": makeDocx([essayText("student two")]),
  "student_03.md": `# Essay\n\n${essayText("student three")}`
}

export interface AssetSpec {
  readonly anchors?: Record<string, FileBody> | null
  readonly students?: Record<string, FileBody> | null
  readonly instructions?: string | null
  readonly extra?: Record<string, FileBody>
}

/** A dataset folder in the platform's layout, in a fresh temp dir. `null` leaves a part out. */
export const makeAssets = (spec: AssetSpec = {}): string => {
  const root = mkdtempSync(join(tmpdir(), "eng5-assets-"))
  const write = (dir: string, files: Record<string, FileBody>) => {
    mkdirSync(join(root, dir), { recursive: true })
    for (const [name, body] of Object.entries(files)) writeFileSync(join(root, dir, name), body)
  }
  if (spec.instructions !== null) writeFileSync(join(root, "eng5_np_vt_2017_essay_instruction.md"), spec.instructions ?? "# Task\n\nWrite an argumentative essay about school libraries.\n")
  if (spec.anchors !== null) write("anchor_essays", spec.anchors ?? defaultAnchors)
  if (spec.students !== null) write("student_essays", spec.students ?? defaultStudents)
  for (const [name, body] of Object.entries(spec.extra ?? {})) writeFileSync(join(root, name), body)
  return root
}

export const tempDir = (prefix = "eng5-test-"): string => mkdtempSync(join(tmpdir(), prefix))

/** Run flags as a test operator would type them: a fresh dataset and output folder unless overridden. */
export const testRunOptions = (overrides: Partial<RunOptions> = {}): RunOptions => ({
  assets: overrides.assets ?? makeAssets(),
  outputDir: overrides.outputDir ?? tempDir("eng5-out-"),
  batchLabel: "pilot",
  userId: "eng5_np_research_runner",
  courseCode: "ENG5",
  language: "en",
  contentServiceUrl: "http://localhost:8001/v1/content",
  ...overrides
})
