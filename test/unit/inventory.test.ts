import { symlinkSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { GRADE_SCALES } from "../../src/domain/gradeScales.js"
import { collectInventory } from "../../src/inventory/collectInventory.js"
import { essayText, makeAssets } from "../support/assets.js"
import { corruptDocx, corruptPdf, makeDocx, makePdf } from "../support/documents.js"

const legacy = GRADE_SCALES.eng5_np_legacy_9_step!
const inventoryOf = (assetsDir: string) => collectInventory({ assetsDir, gradeScale: legacy })
const problemsOf = (assetsDir: string) =>
  inventoryOf(assetsDir).pipe(
    Effect.flip,
    Effect.map((error) => error.problems.map((p) => `${p.path} ${p.problem}`).join("\n"))
  )

describe("inventory", () => {
  it.effect("reads every supported format, case-insensitive, and skips lock and dot files", () =>
    Effect.gen(function* () {
      const dir = makeAssets({
        students: {
          "one.TXT": essayText("one"),
          "two.Docx": makeDocx(["First paragraph.", "Second paragraph."]),
          "three.pdf": makePdf(["Portable text about libraries."]),
          "four.md": "Markdown essay text.",
          "~$two.docx": "lock file",
          ".hidden.txt": "dot file",
          "notes.rtf": "not an essay"
        }
      })
      const inventory = yield* inventoryOf(dir)
      assert.deepStrictEqual(inventory.students.map((s) => s.fileName), ["four.md", "one.TXT", "three.pdf", "two.Docx"])
      const docx = inventory.students.find((s) => s.fileName === "two.Docx")
      assert.strictEqual(docx?.text, "First paragraph.\n\nSecond paragraph.")
      assert.include(inventory.students.find((s) => s.fileName === "three.pdf")?.text ?? "", "Portable text about libraries")
      assert.match(inventory.students[0]?.checksum ?? "", /^[0-9a-f]{64}$/)
      assert.isTrue(inventory.warnings.some((w) => w.includes("notes.rtf")))
      assert.deepStrictEqual(inventory.anchors.map((a) => a.grade), ["A", "B", "E-"])
      assert.isNotNull(inventory.instructions)
    }))

  it.effect("hashes the raw bytes (abc123 → the known SHA-256)", () =>
    Effect.gen(function* () {
      const inventory = yield* inventoryOf(makeAssets({ students: { "s.txt": "abc123" } }))
      assert.strictEqual(inventory.students[0]?.checksum, "6ca13d52ca70c883e0f0bb101e425a89e8624de51db2d2392593af6a84118090")
    }))

  it.effect("reports every unusable essay with its path, all at once", () =>
    Effect.gen(function* () {
      const dir = makeAssets({
        students: {
          "good.txt": essayText("good"),
          "broken.docx": corruptDocx(),
          "broken.pdf": corruptPdf(),
          "blank.txt": "  \n\n ",
          "latin1.txt": new Uint8Array([0x68, 0xe9, 0x6c, 0x6c, 0x6f])
        }
      })
      symlinkSync(join(dir, "nowhere.txt"), join(dir, "student_essays", "gone.txt"))
      const problems = yield* problemsOf(dir)
      assert.include(problems, "broken.docx is not a readable Word document")
      assert.include(problems, "broken.pdf is not a readable PDF")
      assert.include(problems, "blank.txt contains no text")
      assert.include(problems, "latin1.txt is not valid UTF-8")
      assert.include(problems, `gone.txt is a link to ${join(dir, "nowhere.txt")}, which does not exist`)
      assert.notInclude(problems, "good.txt")
    }))

  it.effect("rejects anchor names without a grade or with a grade outside the scale", () =>
    Effect.gen(function* () {
      const dir = makeAssets({ anchors: { "anchor_A1.txt": essayText("A"), "anchor_12.txt": essayText("x"), "anchor_G2.txt": essayText("G") } })
      const problems = yield* problemsOf(dir)
      assert.include(problems, "anchor_12.txt has no grade in its name")
      assert.include(problems, `anchor_G2.txt names grade "G", which is not in eng5_np_legacy_9_step`)
      assert.notInclude(problems, "anchor_A1.txt")
    }))

  it.effect("accepts the scale's below-lowest grade", () =>
    Effect.gen(function* () {
      const inventory = yield* inventoryOf(makeAssets({ anchors: { "anchor_F1.txt": essayText("F") } }))
      assert.strictEqual(inventory.anchors[0]?.grade, "F")
    }))

  it.effect("rejects two files that map to one essay id", () =>
    Effect.gen(function* () {
      const dir = makeAssets({ students: { "Anna Berg.txt": essayText("a"), "anna-berg.docx": makeDocx([essayText("b")]) } })
      assert.include(yield* problemsOf(dir), `map to the same essay id "anna_berg"`)
    }))

  it.effect("names both files whose names differ only in accents", () =>
    Effect.gen(function* () {
      const dir = makeAssets({ students: { "Åsa Öberg.txt": essayText("a"), "Äsa Öberg.txt": essayText("b"), "Åke.txt": essayText("c") } })
      const problems = yield* problemsOf(dir)
      assert.match(problems, /Äsa Öberg\.txt and .*Åsa Öberg\.txt map to the same essay id "asa_oberg"/u)
      assert.include(problems, "rename one of them so the names still differ")
      assert.notInclude(problems, "Åke")
    }))

  it.effect("names a missing or empty folder and how to fill it", () =>
    Effect.gen(function* () {
      assert.include(yield* problemsOf(makeAssets({ students: null })), "student_essays (student essays, --student-dir) is missing")
      assert.include(yield* problemsOf(makeAssets({ anchors: {} })), "anchor_essays (anchor essays, --anchor-dir) holds no essays")
      const missing = yield* Effect.flip(inventoryOf("/nonexistent/eng5-assets"))
      assert.include(missing.message, "does not exist")
      assert.include(missing.fix, "--assets")
    }))

  it.effect("lets execute run without local anchors (CJ owns them)", () =>
    Effect.gen(function* () {
      const inventory = yield* collectInventory({ assetsDir: makeAssets({ anchors: null }), gradeScale: legacy, anchorsOptional: true })
      assert.strictEqual(inventory.anchors.length, 0)
      assert.strictEqual(inventory.students.length, 3)
    }))

  it.effect("takes anchor ids from the anchors CSV and notes grade disagreements", () =>
    Effect.gen(function* () {
      const dir = makeAssets({
        anchors: { "anchor_A1.txt": essayText("A") },
        extra: { "ANCHOR_ESSAYS_BAYESIAN_INFERENCE_DATA.csv": "ANCHOR-ID,FILE-NAME,GRADE\nENG5_A_ONE,anchor_A1.txt,B\n" }
      })
      const inventory = yield* inventoryOf(dir)
      assert.strictEqual(inventory.anchors[0]?.anchorId, "eng5_a_one")
      assert.strictEqual(inventory.anchors[0]?.csvGrade, "B")
      assert.isTrue(inventory.warnings.some((w) => w.includes("anchors CSV says grade B")))
    }))
})
