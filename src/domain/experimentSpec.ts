import { isAbsolute, resolve } from "node:path"

/**
 * An experiment file (docs/experiments.md), checked for its shape: the experiment's own keys,
 * flag names and value types. What the values mean is checked afterwards by the run flags'
 * own parser and rules, per cell. Every problem is collected; none stops the others.
 */

/** What the experiment needs to know of each flag of the mode's command. */
export type FlagCatalogue = Readonly<Record<string, { readonly type: "boolean" | "option"; readonly multiple: boolean; readonly allowNo: boolean }>>

type FlagValue = string | number | boolean | ReadonlyArray<string | number>
export type FlagSettings = Readonly<Record<string, FlagValue>>

export interface ExperimentProblem {
  /** Where in the file: `assets`, `variants[2] "low-temp"`, `matrix.llm-temperature`, or a cell. */
  readonly where: string
  readonly problem: string
  readonly fix: string
}

export interface ExperimentCell {
  /** `variant`, or `variant [flag=value, …]` with the matrix values. */
  readonly name: string
  /** Folder-safe stem of the cell's batch labels. */
  readonly slug: string
  readonly variant: string
  readonly matrix: Readonly<Record<string, string>>
  /** Every flag the cell's batches get: shared, then the variant's, then the matrix values. */
  readonly settings: FlagSettings
}

export interface ExperimentSpec {
  readonly name: string
  readonly description: string | null
  readonly mode: string
  readonly repeats: number
  readonly sandbox: boolean
  readonly cells: ReadonlyArray<ExperimentCell>
}

const EXPERIMENT_KEYS = ["name", "description", "mode", "repeats", "sandbox", "variants", "matrix"] as const
const MAX_REPEATS = 50
const MAX_BATCHES = 500
/** Flags whose value is a path: relative paths are taken from the experiment file's folder. */
const PATH_FLAGS = ["assets", "instructions", "anchor-dir", "student-dir", "system-prompt", "rubric"] as const

/** Flags the experiment sets for every batch, and why they cannot be set in the file. */
const RESERVED_FLAGS: Readonly<Record<string, string>> = {
  "batch-id": "eng5 experiment labels every batch itself (cell and repeat)",
  "batch-uuid": "eng5 experiment gives every batch its own UUID",
  "output-dir": "the run folders go into the experiment folder; pass --output-dir to `eng5 experiment run`",
  "await-completion": "every batch is followed to its end",
  kafka: "every batch is published",
  "max-cost-usd": "the cap applies to the whole experiment; pass --max-cost-usd to `eng5 experiment plan` or `run`",
  verbose: "it is a flag of the eng5 experiment command",
  json: "it is a flag of the eng5 experiment command",
  help: "it is a flag of the eng5 experiment command"
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

interface ParseContext {
  /** The flags of the mode's command; null when the mode is unknown (its flags are then not checked). */
  readonly catalogue: FlagCatalogue | null
  /** The experiment file's folder (relative paths) and stem (default name). */
  readonly baseDir: string
  readonly fileStem: string
  /** The candidate closest to a misspelt word, if any. */
  readonly suggest: (word: string, candidates: ReadonlyArray<string>) => string | undefined
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === "object" && value !== null && !Array.isArray(value)
const isScalar = (value: unknown): value is string | number | boolean => typeof value === "string" || typeof value === "number" || typeof value === "boolean"
const text = (value: string | number | boolean): string => String(value)

/** The flags part of a mapping (a variant, or the top level), checked value by value. */
const readFlags = (entries: ReadonlyArray<[string, unknown]>, where: string, context: ParseContext, problems: Array<ExperimentProblem>, extraKeys: ReadonlyArray<string>): Record<string, FlagValue> => {
  const flags: Record<string, FlagValue> = {}
  for (const [key, value] of entries) {
    const at = where === "" ? key : `${where}.${key}`
    const reserved = RESERVED_FLAGS[key]
    if (reserved !== undefined || (key === "sandbox" && where !== "")) {
      problems.push({ where: at, problem: `${key} cannot be set in an experiment file: ${reserved ?? "a whole experiment is rehearsed or not"}.`, fix: key === "sandbox" ? "Set `sandbox: true` at the top of the file, or pass --sandbox." : `Remove ${key} from the file.` })
      continue
    }
    const flag = context.catalogue?.[key]
    if (context.catalogue !== null && flag === undefined) {
      const meant = context.suggest(key, [...Object.keys(context.catalogue), ...extraKeys])
      problems.push({ where: at, problem: `${key} is not a flag of this experiment's mode.`, fix: `${meant === undefined ? "" : `Did you mean ${meant}? `}Use the flag names of \`eng5 run <mode> --help\`, without the dashes.` })
      continue
    }
    const checked = checkValue(key, value, flag, context.baseDir)
    if ("problem" in checked) problems.push({ where: at, problem: checked.problem, fix: `Give ${key} ${flag?.type === "boolean" ? "true or false" : flag?.multiple === true ? "a value or a list of values" : "one value"}.` })
    else flags[key] = checked.value
  }
  return flags
}

type Checked = { readonly value: FlagValue } | { readonly problem: string }
const problem = (what: string): Checked => ({ problem: what })

/** The value as the flag takes it (paths made absolute), or what is wrong with it. */
const checkValue = (key: string, value: unknown, flag: FlagCatalogue[string] | undefined, baseDir: string): Checked => {
  if (value === null || value === undefined) return problem(`${key} has no value.`)
  if (flag?.type === "boolean") return typeof value === "boolean" ? { value } : problem(`${key} is a switch: ${JSON.stringify(value)} is not true or false.`)
  if (Array.isArray(value)) {
    if (flag?.multiple !== true) return problem(`${key} takes one value, not a list.`)
    const items: Array<string | number> = []
    for (const item of value) {
      if (typeof item !== "string" && typeof item !== "number") return problem(`${key} lists ${JSON.stringify(item)}, which is not a text or a number.`)
      items.push(item)
    }
    return { value: items }
  }
  if (!isScalar(value)) return problem(`${key} is a mapping; it takes a value.`)
  if (typeof value === "boolean") return problem(`${key} takes a value, not ${value}.`)
  if ((PATH_FLAGS as ReadonlyArray<string>).includes(key) && typeof value === "string" && !isAbsolute(value)) return { value: resolve(baseDir, value) }
  return { value }
}

const readHeader = (document: Readonly<Record<string, unknown>>, context: ParseContext, problems: Array<ExperimentProblem>) => {
  const name = document["name"] ?? context.fileStem.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "")
  if (typeof name !== "string" || !NAME.test(name)) problems.push({ where: "name", problem: `name ${JSON.stringify(name)} cannot name the experiment folder.`, fix: "Use letters, digits, '.', '_' and '-' only (at most 64), starting with a letter or digit." })
  const description = document["description"] ?? null
  if (description !== null && typeof description !== "string") problems.push({ where: "description", problem: "description is not a text.", fix: "Write the description as one text, or drop it." })
  const mode = document["mode"] ?? "execute"
  if (typeof mode !== "string" || mode.trim() === "") problems.push({ where: "mode", problem: `mode ${JSON.stringify(mode)} is not a mode name.`, fix: "Use execute, anchor-align, or the name of an installed plugin's mode." })
  const repeats = document["repeats"] ?? 1
  if (typeof repeats !== "number" || !Number.isInteger(repeats) || repeats < 1 || repeats > MAX_REPEATS) problems.push({ where: "repeats", problem: `repeats ${JSON.stringify(repeats)} is not a whole number from 1 to ${MAX_REPEATS}.`, fix: "Set repeats to how many batches each cell runs, e.g. 3." })
  const sandbox = document["sandbox"] ?? false
  if (typeof sandbox !== "boolean") problems.push({ where: "sandbox", problem: `sandbox ${JSON.stringify(sandbox)} is not true or false.`, fix: "Set sandbox: true to rehearse the experiment, or drop it." })
  return { name: String(name), description: typeof description === "string" ? description : null, mode: String(mode).trim(), repeats: Number(repeats), sandbox: sandbox === true }
}

const readVariants = (value: unknown, context: ParseContext, problems: Array<ExperimentProblem>) => {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push({ where: "variants", problem: value === undefined ? "The file has no variants." : "variants is not a list of variants.", fix: "Add `variants:`, a list with at least one entry: `- name: baseline` plus the flags it sets." })
    return []
  }
  const variants: Array<{ readonly name: string; readonly flags: FlagSettings }> = []
  value.forEach((entry: unknown, index) => {
    const where = `variants[${index + 1}]`
    if (!isRecord(entry)) return void problems.push({ where, problem: "This variant is not a mapping.", fix: "Write each variant as `- name: <name>` followed by its flags." })
    const name = entry["name"]
    if (typeof name !== "string" || !NAME.test(name)) return void problems.push({ where, problem: `The variant's name ${JSON.stringify(name ?? null)} is missing or not usable in folder names.`, fix: "Give it a name of letters, digits, '.', '_' and '-' (at most 64)." })
    if (variants.some((v) => v.name === name)) return void problems.push({ where: `${where} "${name}"`, problem: `Two variants are named ${name}.`, fix: "Give every variant its own name." })
    variants.push({ name, flags: readFlags(Object.entries(entry).filter(([key]) => key !== "name"), `${where} "${name}"`, context, problems, ["name"]) })
  })
  return variants
}

const readMatrix = (value: unknown, context: ParseContext, problems: Array<ExperimentProblem>) => {
  if (value === undefined || value === null) return []
  if (!isRecord(value)) {
    problems.push({ where: "matrix", problem: "matrix is not a mapping of flags to lists of values.", fix: "Write e.g. `matrix:` then `  llm-temperature: [0, 0.3]`." })
    return []
  }
  const axes: Array<{ readonly flag: string; readonly values: ReadonlyArray<FlagValue> }> = []
  for (const [flag, values] of Object.entries(value)) {
    if (!Array.isArray(values) || values.length === 0) {
      problems.push({ where: `matrix.${flag}`, problem: `matrix.${flag} is not a list of values.`, fix: `Write \`${flag}: [value, value]\`.` })
      continue
    }
    const read = values.map((item: unknown) => readFlags([[flag, item]], "matrix", context, problems, [])[flag])
    if (read.some((item) => item === undefined)) continue
    const texts = read.map((item) => JSON.stringify(item))
    if (new Set(texts).size !== texts.length) problems.push({ where: `matrix.${flag}`, problem: `matrix.${flag} lists a value twice.`, fix: "List each value once." })
    else axes.push({ flag, values: read as ReadonlyArray<FlagValue> })
  }
  return axes
}

const valueText = (value: FlagValue): string => (Array.isArray(value) ? value.map(text).join("+") : text(value as string | number | boolean))

/** Every combination of the axes' values, the first axis slowest. */
const combinations = (axes: ReadonlyArray<{ readonly flag: string; readonly values: ReadonlyArray<FlagValue> }>): ReadonlyArray<ReadonlyArray<readonly [string, FlagValue]>> =>
  axes.reduce<ReadonlyArray<ReadonlyArray<readonly [string, FlagValue]>>>((rows, axis) => rows.flatMap((row) => axis.values.map((value) => [...row, [axis.flag, value] as const])), [[]])

/** The experiment a parsed YAML document declares, or every problem found in it. */
export const parseExperiment = (document: unknown, context: ParseContext): { readonly spec: ExperimentSpec | null; readonly problems: ReadonlyArray<ExperimentProblem> } => {
  const problems: Array<ExperimentProblem> = []
  if (!isRecord(document)) return { spec: null, problems: [{ where: "the file", problem: "The file is not a mapping of keys to values.", fix: "Start from examples/experiments/anchor-align.yaml." }] }
  const header = readHeader(document, context, problems)
  const sharedEntries = Object.entries(document).filter(([key]) => !(EXPERIMENT_KEYS as ReadonlyArray<string>).includes(key))
  const shared = readFlags(sharedEntries, "", context, problems, [...EXPERIMENT_KEYS])
  const variants = readVariants(document["variants"], context, problems)
  const axes = readMatrix(document["matrix"], context, problems)
  for (const axis of axes) {
    const setElsewhere = [...(axis.flag in shared ? ["the top level"] : []), ...variants.filter((v) => axis.flag in v.flags).map((v) => `variant ${v.name}`)]
    if (setElsewhere.length > 0) problems.push({ where: `matrix.${axis.flag}`, problem: `${axis.flag} is both a matrix axis and set in ${setElsewhere.join(", ")}.`, fix: "Set each flag in one place: the matrix, or the variants and the top level." })
  }
  const cells = variants.flatMap((variant) =>
    combinations(axes).map((row): ExperimentCell => {
      const matrix = Object.fromEntries(row.map(([flag, value]) => [flag, valueText(value)]))
      const suffix = row.map(([flag, value]) => `${flag}=${valueText(value)}`).join(", ")
      return {
        name: suffix === "" ? variant.name : `${variant.name} [${suffix}]`,
        slug: [variant.name, ...row.map(([flag, value]) => `${flag}-${valueText(value)}`)].join("_").replace(/[^A-Za-z0-9._-]+/g, "-"),
        variant: variant.name,
        matrix,
        settings: { ...shared, ...variant.flags, ...Object.fromEntries(row) }
      }
    })
  )
  const slugs = cells.map((cell) => cell.slug)
  const clash = slugs.find((slug, index) => slugs.indexOf(slug) !== index)
  if (clash !== undefined) problems.push({ where: "variants", problem: `Two cells would share the batch label ${clash}.`, fix: "Rename a variant or change a matrix value so that every cell's label differs." })
  if (cells.length * header.repeats > MAX_BATCHES) problems.push({ where: "repeats", problem: `${cells.length} cells × ${header.repeats} repeats make ${cells.length * header.repeats} batches, more than ${MAX_BATCHES}.`, fix: "Drop matrix values or repeats, or split the experiment." })
  return { spec: problems.length === 0 ? { ...header, cells } : null, problems }
}

/** The cell's settings as command-line flags of the mode, in the order written. */
export const argvOf = (settings: FlagSettings, catalogue: FlagCatalogue): ReadonlyArray<string> =>
  Object.entries(settings).flatMap(([flag, value]) => {
    if (typeof value === "boolean") return value ? [`--${flag}`] : catalogue[flag]?.allowNo === true ? [`--no-${flag}`] : []
    const values = Array.isArray(value) ? value : [value as string | number]
    return values.map((item) => `--${flag}=${text(item)}`)
  })
