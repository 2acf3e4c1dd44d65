import { execFileSync } from "node:child_process"
import { mkdirSync, mkdtempSync, renameSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { GRADE_SCALES } from "../../src/domain/gradeScales.js"
import { collectInventory } from "../../src/inventory/collectInventory.js"
import { readEssayFolder } from "../../src/inventory/essayFolder.js"
import { DEFAULT_ESSAY_LIMITS, type EssayLimits } from "../../src/inventory/limits.js"
import { essayText, makeAssets } from "../support/assets.js"
import { makeDocx } from "../support/documents.js"

const legacy = GRADE_SCALES.eng5_np_legacy_9_step!
const problemsOf = (assetsDir: string, limits: EssayLimits = DEFAULT_ESSAY_LIMITS, studentDir?: string) =>
  collectInventory({ assetsDir, gradeScale: legacy, limits, ...(studentDir === undefined ? {} : { studentDir }) }).pipe(
    Effect.flip,
    Effect.map((error) => {
      assert.strictEqual(error.exitCode, 2)
      return error.problems.map((p) => `${p.path} ${p.problem}`).join("\n")
    })
  )
const outside = () => {
  const dir = mkdtempSync(join(tmpdir(), "eng5-outside-"))
  writeFileSync(join(dir, "secret.txt"), "root:x:0:0:root:/root:/bin/bash and other private lines")
  return dir
}

describe("only regular files inside the dataset are read", () => {
  it.effect("refuses a link that leads out of the dataset, naming where it points and the fix", () =>
    Effect.gen(function* () {
      const dir = makeAssets()
      const elsewhere = outside()
      symlinkSync(join(elsewhere, "secret.txt"), join(dir, "student_essays", "passwd.txt"))
      symlinkSync("../anchor_essays/anchor_B1.txt", join(dir, "student_essays", "linked_inside.txt"))
      const problems = yield* problemsOf(dir)
      assert.include(problems, `passwd.txt is a link to ${join(elsewhere, "secret.txt")}, outside the dataset folder`)
      assert.include(problems, "copy the file into the folder instead of linking to it")
      assert.notInclude(problems, "linked_inside.txt")
    }))

  it.effect("refuses devices and named pipes, directly or through a link, without reading them", () =>
    Effect.gen(function* () {
      const dir = makeAssets()
      execFileSync("mkfifo", [join(dir, "student_essays", "pipe.txt")])
      symlinkSync("/dev/zero", join(dir, "student_essays", "zero.txt"))
      const problems = yield* problemsOf(dir)
      assert.include(problems, "pipe.txt is a named pipe (FIFO); remove it from the folder")
      assert.include(problems, "zero.txt is a link to /dev/zero, outside the dataset folder")
      const named = yield* readEssayFolder(join(dir, "student_essays"))
      assert.deepStrictEqual(named.problems.map((p) => p.path.slice(dir.length)).sort(), ["/student_essays/pipe.txt", "/student_essays/zero.txt"])
    }))

  it.effect("refuses a student_essays folder that is itself a link elsewhere, but not one named with --student-dir", () =>
    Effect.gen(function* () {
      const dir = makeAssets()
      const elsewhere = join(outside(), "essays")
      renameSync(join(dir, "student_essays"), elsewhere)
      symlinkSync(elsewhere, join(dir, "student_essays"))
      const problems = yield* problemsOf(dir)
      assert.include(problems, `(student essays, --student-dir) is a link to ${elsewhere}, outside the dataset folder`)
      assert.include(problems, `--student-dir ${elsewhere}`)
      const named = yield* collectInventory({ assetsDir: dir, gradeScale: legacy, studentDir: elsewhere })
      assert.strictEqual(named.students.length, 3)
    }))
})

describe("size bounds", () => {
  it.effect("refuses a file, a text or a Word document past its bound, naming the essay and the flag", () =>
    Effect.gen(function* () {
      const dir = makeAssets({
        students: {
          "big.txt": "x".repeat(3 * 1024 * 1024),
          "long.txt": "word ".repeat(30_000),
          "bomb.docx": makeDocx(["a".repeat(5 * 1024 * 1024)]),
          "fine.txt": essayText("fine")
        }
      })
      const limits = { maxFileBytes: 2 * 1024 * 1024, maxTextChars: 100_000, maxDocxXmlBytes: 4 * 1024 * 1024 }
      const problems = yield* problemsOf(dir, limits)
      assert.include(problems, "big.txt is 3 MiB, more than the 2 MiB an essay file may be; check the file, or raise --max-file-mb")
      assert.include(problems, "long.txt holds 149,999 characters of text, more than the 100,000")
      assert.include(problems, "bomb.docx inflates to more than 4 MiB of Word XML")
      assert.notInclude(problems, "fine.txt")
    }))
})

describe("essay folder on its own", () => {
  it.effect("reports a link or special file like the inventory does", () =>
    Effect.gen(function* () {
      const dir = mkdtempSync(join(tmpdir(), "eng5-folder-"))
      mkdirSync(join(dir, "sub"))
      writeFileSync(join(dir, "a.txt"), essayText("a"))
      symlinkSync(join(outside(), "secret.txt"), join(dir, "b.txt"))
      const folder = yield* readEssayFolder(dir)
      assert.deepStrictEqual(folder.files.map((f) => f.fileName), ["a.txt"])
      assert.include(folder.problems[0]?.problem ?? "", "outside the dataset folder")
    }))
})
