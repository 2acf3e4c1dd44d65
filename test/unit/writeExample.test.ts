import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { bundledExample, writeExample } from "../../src/programs/writeExample.js"
import { REPO_ROOT } from "../support/cli.js"

const source = bundledExample(REPO_ROOT)
const fresh = () => mkdtempSync(join(tmpdir(), "eng5-example-"))
const tree = (folder: string): string[] => readdirSync(folder, { recursive: true, encoding: "utf8" }).sort()

describe("eng5 example", () => {
  it.effect("copies the whole bundled dataset into a new folder and names the command that rehearses it", () =>
    Effect.gen(function* () {
      const parent = fresh()
      const written = yield* writeExample(source, join(parent, "nested", "eng5-example"), "eng5")
      assert.deepStrictEqual(tree(written.folder), tree(source))
      assert.strictEqual(readFileSync(join(written.folder, "anchor_essays", "anchor_A1.docx")).equals(readFileSync(join(source, "anchor_essays", "anchor_A1.docx"))), true)
      assert.strictEqual(written.students, 24)
      assert.strictEqual(written.anchors, 12)
      assert.strictEqual(written.command, `eng5 run execute --sandbox --assets ${join(parent, "nested", "eng5-example")} --await-completion`)
      assert.deepStrictEqual(readdirSync(join(parent, "nested")), ["eng5-example"])
    })
  )

  it.effect("quotes a folder name the shell would split", () =>
    Effect.gen(function* () {
      const written = yield* writeExample(source, join(fresh(), "my example's"), "eng5")
      assert.match(written.command, /--assets '.*\/my example'\\''s' --await-completion$/)
    })
  )

  it.effect("uses an existing empty folder", () =>
    Effect.gen(function* () {
      const target = join(fresh(), "empty")
      mkdirSync(target)
      yield* writeExample(source, target, "eng5")
      assert.deepStrictEqual(tree(target), tree(source))
    })
  )

  it.effect("refuses a non-empty folder or a file with exit 2 and leaves them as they were", () =>
    Effect.gen(function* () {
      const parent = fresh()
      mkdirSync(join(parent, "taken"))
      writeFileSync(join(parent, "taken", "mine.txt"), "keep me")
      writeFileSync(join(parent, "file"), "a file")
      const folder = yield* Effect.flip(writeExample(source, join(parent, "taken"), "eng5"))
      assert.strictEqual(folder._tag, "OutputNotWritable")
      assert.strictEqual(folder.exitCode, 2)
      assert.include(folder.message, "the folder is not empty")
      assert.include(folder.fix, "Nothing was changed")
      const file = yield* Effect.flip(writeExample(source, join(parent, "file"), "eng5"))
      assert.include(file.message, "a file has that name")
      assert.deepStrictEqual(tree(parent), ["file", "taken", join("taken", "mine.txt")])
      assert.strictEqual(readFileSync(join(parent, "file"), "utf8"), "a file")
    })
  )
})
