import { readdir, realpath, stat } from "node:fs/promises"
import { basename, join, resolve } from "node:path"
import { Effect } from "effect"
import { describeScale, type GradeScale, isGradeInScale } from "../domain/gradeScales.js"
import { essayIdFromStem, fileStem, gradeFromAnchorFileName } from "../domain/ids.js"
import type { AnchorEssay, DocumentBlob, EssayFile, Inventory, StudentEssay } from "../domain/inventory.js"
import { InvalidAssets } from "../errors.js"
import { ANCHORS_CSV_NAME, type AnchorCsvRow, parseAnchorsCsv } from "./anchorsCsv.js"
import { isProblem, readEssay, readEssayFolder, unreadable } from "./essayFolder.js"
import { isEssayFileName } from "./extractText.js"
import { DEFAULT_ESSAY_LIMITS, type EssayLimits } from "./limits.js"
import type { Problem } from "./safeRead.js"

export interface InventoryOptions {
  readonly assetsDir: string
  readonly instructionsPath?: string
  readonly anchorDir?: string
  readonly studentDir?: string
  readonly gradeScale: GradeScale
  /** In execute CJ owns the anchors, so local anchor files are only recorded when present. */
  readonly anchorsOptional?: boolean
  readonly limits?: EssayLimits
}

/** Files the platform's dataset keeps at its root, preferred in this order. */
const INSTRUCTION_FILE_NAMES = ["eng5_np_vt_2017_essay_instruction.md"]

/** What is at `path`; a path the disk refuses to look at fails typed, a missing one is "missing". */
const kindOf = (path: string) =>
  Effect.tryPromise({
    try: () =>
      stat(path).then(
        (s) => (s.isDirectory() ? ("dir" as const) : s.isFile() ? ("file" as const) : ("other" as const)),
        (error: NodeJS.ErrnoException) => (error.code === "ENOENT" || error.code === "ENOTDIR" ? ("missing" as const) : Promise.reject(error))
      ),
    catch: unreadable(path)
  })

/** Instructions and the anchors CSV, read like essays; a CSV is read as plain UTF-8 text. */
const readBlob = (path: string, root: string | null, limits: EssayLimits): Effect.Effect<DocumentBlob | Problem, InvalidAssets> =>
  readEssay(path, root, limits, path.toLowerCase().endsWith(".csv") ? basename(path).replace(/\.csv$/i, ".txt") : basename(path)).pipe(
    Effect.map((read) => (isProblem(read) ? read : { path, checksum: read.checksum, bytes: read.bytes, content: read.text }))
  )

const findInstructions = Effect.fnUntraced(function* (assetsDir: string, root: string, explicit: string | undefined, limits: EssayLimits) {
  if (explicit !== undefined) {
    const path = resolve(explicit)
    const kind = yield* kindOf(path)
    if (kind !== "file") return { path, problem: "(--instructions) does not exist or is not a file; pass the instructions markdown file" }
    return yield* readBlob(path, null, limits)
  }
  const entries = yield* Effect.tryPromise({ try: () => readdir(assetsDir, { withFileTypes: true }), catch: unreadable(assetsDir) })
  const names = entries.filter((e) => !e.isDirectory()).map((e) => e.name)
  const markdown = names.filter((f) => isEssayFileName(f) && f.toLowerCase().endsWith(".md") && f.toLowerCase() !== "readme.md").sort()
  const chosen =
    INSTRUCTION_FILE_NAMES.find((name) => markdown.includes(name)) ??
    (markdown.length === 1 ? markdown[0] : markdown.find((f) => f.toLowerCase().includes("instruction")))
  return chosen === undefined ? { candidates: markdown } : yield* readBlob(join(assetsDir, chosen), root, limits)
})

/** Why no instructions file was recorded, and how to pick one. */
const noInstructionsWarning = (assetsDir: string, candidates: ReadonlyArray<string>): string =>
  candidates.length === 0
    ? `no instructions markdown found in ${assetsDir}; pass --instructions FILE to record it in the artefact`
    : `${candidates.length} markdown files in ${assetsDir} (${candidates.join(", ")}) and none has "instruction" in its name, so no instructions were recorded; pass --instructions FILE to pick one`

const readEssayDir = Effect.fnUntraced(function* (
  dir: string,
  label: string,
  optional: boolean,
  folder: { readonly datasetDir: string; readonly limits: EssayLimits },
  problems: Problem[],
  warnings: string[]
) {
  const read = yield* readEssayFolder(dir, folder)
  if (!read.exists && optional) return []
  if (!read.exists) {
    problems.push({ path: dir, problem: `(${label}) is missing; create it and put the essays (.txt, .md, .docx, .pdf) there` })
    return []
  }
  problems.push(...read.problems.map((p) => (p.path === dir ? { path: dir, problem: `(${label}) ${p.problem}` } : p)))
  if (read.ignored.length > 0) warnings.push(`ignored in ${dir} (not .txt/.md/.docx/.pdf): ${read.ignored.join(", ")}`)
  if (read.files.length === 0 && read.problems.length === 0 && !optional) problems.push({ path: dir, problem: `(${label}) holds no essays; add .txt, .md, .docx or .pdf files` })
  return read.files
})

const reportDuplicateIds = <T extends { readonly path: string }>(items: ReadonlyArray<T>, idOf: (item: T) => string, problems: Problem[]) => {
  const byId = new Map<string, T[]>()
  for (const item of items) byId.set(idOf(item), [...(byId.get(idOf(item)) ?? []), item])
  for (const [id, group] of byId) {
    if (group.length > 1) {
      problems.push({
        path: group.map((g) => g.path).join(" and "),
        problem: `map to the same essay id "${id}" (ids keep ASCII letters and digits, with å, ä → a, ö → o, é → e, ß → ss …); rename one of them so the names still differ after that`
      })
    }
  }
}

const toAnchors = (
  files: ReadonlyArray<EssayFile>,
  scale: GradeScale,
  csvRows: ReadonlyArray<AnchorCsvRow>,
  problems: Problem[],
  warnings: string[]
): AnchorEssay[] =>
  files.flatMap((file) => {
    const grade = gradeFromAnchorFileName(file.fileName, scale.numeric)
    if (grade === undefined || !isGradeInScale(grade, scale)) {
      const found = grade === undefined ? "has no grade in its name" : `names grade "${grade}", which is not in ${scale.id}`
      problems.push({
        path: file.path,
        problem: `${found}; name anchors <label>_<grade>[copy digits].<ext>, e.g. anchor_${scale.grades.at(-1) ?? "A"}1.docx, with a grade of ${describeScale(scale)}`
      })
      return []
    }
    const row = csvRows.find((r) => r.fileName === file.fileName)
    if (row?.grade != null && row.grade !== grade) {
      warnings.push(`${file.fileName}: the anchors CSV says grade ${row.grade} but the file name says ${grade}; eng5 uses the file name`)
    }
    return [{ ...file, anchorId: essayIdFromStem(row?.anchorId ?? fileStem(file.fileName)), grade, csvGrade: row?.grade ?? null }]
  })

/**
 * Reads every essay the run will use, hashing raw bytes and extracting text, and reports
 * every unusable file at once (with its path) instead of failing later during an upload.
 */
export const collectInventory = Effect.fnUntraced(function* (options: InventoryOptions) {
  const assetsDir = resolve(options.assetsDir)
  const assetsKind = yield* kindOf(assetsDir)
  if (assetsKind !== "dir") {
    return yield* new InvalidAssets({
      message: `Assets directory ${assetsDir} ${assetsKind === "missing" ? "does not exist" : "is not a directory"}.`,
      fix: "Pass --assets DIR (or set ENG5_ASSETS) pointing at a folder with anchor_essays/ and student_essays/, e.g. --assets examples/eng5.",
      problems: [{ path: assetsDir, problem: "not a directory" }]
    })
  }
  const problems: Problem[] = []
  const warnings: string[] = []
  const limits = options.limits ?? DEFAULT_ESSAY_LIMITS
  const root = yield* Effect.tryPromise({ try: () => realpath(assetsDir), catch: unreadable(assetsDir) })
  const folder = { datasetDir: assetsDir, limits }
  const anchorDir = resolve(options.anchorDir ?? join(assetsDir, "anchor_essays"))
  const studentDir = resolve(options.studentDir ?? join(assetsDir, "student_essays"))

  const found = yield* findInstructions(assetsDir, root, options.instructionsPath, limits)
  const instructions = "candidates" in found ? null : found
  if (instructions !== null && isProblem(instructions)) problems.push(instructions)
  if ("candidates" in found) warnings.push(noInstructionsWarning(assetsDir, found.candidates))

  const csvPath = join(assetsDir, ANCHORS_CSV_NAME)
  const csvBlob = (yield* kindOf(csvPath)) === "missing" ? null : yield* readBlob(csvPath, root, limits)
  let csvRows: ReadonlyArray<AnchorCsvRow> = []
  if (csvBlob !== null && isProblem(csvBlob)) problems.push(csvBlob)
  else if (csvBlob !== null) {
    const parsed = parseAnchorsCsv(csvBlob.content)
    if (parsed.problem !== null) problems.push({ path: csvPath, problem: `${parsed.problem}; fix or remove the CSV` })
    csvRows = parsed.rows
  }

  const anchorFiles = yield* readEssayDir(anchorDir, "anchor essays, --anchor-dir", options.anchorsOptional === true, folder, problems, warnings)
  const studentFiles = yield* readEssayDir(studentDir, "student essays, --student-dir", false, folder, problems, warnings)
  const anchors = toAnchors(anchorFiles, options.gradeScale, csvRows, problems, warnings)
  const students: StudentEssay[] = studentFiles.map((f) => ({ ...f, essayId: essayIdFromStem(fileStem(f.fileName)) }))
  reportDuplicateIds(students, (s) => s.essayId, problems)
  reportDuplicateIds(anchors, (a) => a.anchorId, problems)

  if (problems.length > 0) {
    return yield* new InvalidAssets({
      message: `${problems.length} problem${problems.length === 1 ? "" : "s"} in the assets:\n${problems.map((p) => `  - ${p.path} ${p.problem}`).join("\n")}`,
      fix: "Fix or remove the files listed above, then run `eng5 run plan` again.",
      problems
    })
  }
  const inventory: Inventory = {
    assetsDir,
    gradeScale: options.gradeScale,
    instructions: instructions !== null && !isProblem(instructions) ? instructions : null,
    anchorsCsv: csvBlob !== null && !isProblem(csvBlob) ? csvBlob : null,
    anchorDir,
    studentDir,
    anchors,
    students,
    warnings
  }
  return inventory
})
