import { createHash } from "node:crypto"
import { readFile } from "node:fs/promises"
import { basename, dirname, extname, resolve } from "node:path"
import { Cause, Effect, Exit, type Layer } from "effect"
import { parseDocument } from "yaml"
import type { BuildInfo } from "../domain/buildArtefact.js"
import { type ExperimentCell, type ExperimentProblem, type ExperimentSpec, type FlagCatalogue, type FlagSettings, parseExperiment } from "../domain/experimentSpec.js"
import { InvalidExperiment, isEng5Failure } from "../errors.js"
import type { CjAdmin } from "../services/CjAdmin.js"
import type { Progress } from "../services/Progress.js"
import type { RunLog } from "../services/RunLog.js"
import type { PreflightMode } from "./preflight.js"
import type { PreparedRun } from "./prepareRun.js"
import type { RunReport } from "./runReport.js"
import { resolveRunSettings, type RunOptions } from "./runSettings.js"

/** Progress and the run log: what every command's base layer gives (Eng5Command), and each batch of an experiment. */
export type BaseServices = Progress | RunLog

/** What the experiment sets for each batch, beside the cell's own settings. */
interface BatchIdentity {
  readonly batchUuid: string
  readonly label: string
  readonly outputDir: string
  readonly seed: number
}

/** A cell's flags as the mode's command parsed them: its run options, without some flags when asked. */
interface ParsedCell {
  readonly runOptions: (without?: ReadonlySet<string>) => RunOptions
  readonly seed: number
}

/**
 * A run mode as experiments use it, made by the command from the mode's oclif command: its
 * flags parsed by the same parser and rules as `eng5 run <mode>`, its program for one batch.
 */
export interface ExperimentMode {
  readonly name: string
  readonly catalogue: FlagCatalogue
  /** GUEST flow: CJ pairs only the essays sent, no anchors of its own. */
  readonly guest: boolean
  readonly preflight: PreflightMode
  readonly shape: (prepared: PreparedRun) => PreparedRun
  /** The cell's settings parsed as the command would parse them, or the problems (one per flag). */
  readonly parseCell: (settings: FlagSettings) => Promise<ParsedCell | ReadonlyArray<Omit<ExperimentProblem, "where">>>
  /** The services a cell's checks and plan run on (the sandbox's when rehearsing). */
  readonly cellLayer: (settings: FlagSettings, base: Layer.Layer<BaseServices>) => Promise<Layer.Layer<BaseServices | CjAdmin, unknown>>
  /** One batch's program with everything it needs provided, on the given progress and log. */
  readonly batch: (settings: FlagSettings, identity: BatchIdentity, base: Layer.Layer<BaseServices>, build: BuildInfo) => Promise<Effect.Effect<RunReport, unknown>>
  /** Following a published batch again (`eng5 run attach`), with the mode's hooks. */
  readonly attach: (settings: FlagSettings, runFolder: string, base: Layer.Layer<BaseServices>) => Promise<Effect.Effect<RunReport, unknown>>
}

/** Finds a mode by name: its experiment form, or why it cannot be used. */
export type ModeLookup = (mode: string) => Promise<ExperimentMode | Omit<ExperimentProblem, "where">>

export interface LoadedCell extends ExperimentCell {
  readonly parsed: ParsedCell
  /** SHA-256 of the settings and of the files they name, so a resumed experiment notices an edited prompt. */
  readonly fingerprint: string
}

export interface LoadedExperiment {
  readonly file: string
  readonly spec: ExperimentSpec
  readonly mode: ExperimentMode
  readonly cells: ReadonlyArray<LoadedCell>
}

/** Every problem of an experiment at once, each with where it is and its fix; `fix` says what to do about them all. */
export const invalidExperiment = (file: string, problems: ReadonlyArray<ExperimentProblem>, fix = `Fix the file (docs/experiments.md describes it), then run the command again; \`eng5 experiment plan ${file}\` checks it without running anything.`) => {
  const unique = [...new Map(problems.map((p) => [`${p.where}\u0000${p.problem}`, p])).values()]
  return new InvalidExperiment({
    file,
    problems: unique,
    message: `${file} cannot run: ${unique.length === 1 ? "1 problem" : `${unique.length} problems`}. Nothing was run.\n${unique.map((p) => `  - ${p.where}: ${p.problem} → ${p.fix}`).join("\n")}`,
    fix
  })
}

const yamlOf = (file: string) =>
  Effect.gen(function* () {
    const text = yield* Effect.tryPromise({
      try: () => readFile(file, "utf8"),
      catch: (error) => invalidExperiment(file, [{ where: "the file", problem: `It cannot be read (${error instanceof Error ? error.message : String(error)}).`, fix: "Pass the path of an experiment file (YAML)." }])
    })
    const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true })
    if (document.errors.length > 0) {
      return yield* invalidExperiment(file, document.errors.map((e) => ({ where: `line ${e.linePos?.[0].line ?? "?"}`, problem: `Not valid YAML: ${e.message.split(" at line")[0] ?? e.message}.`, fix: "Correct the YAML (indentation, colons, brackets)." })))
    }
    return document.toJS() as unknown
  })

/** Each flag whose value is a file the batches read, hashed with the settings. */
const fingerprintOf = (settings: FlagSettings) =>
  Effect.promise(async () => {
    const hash = createHash("sha256").update(JSON.stringify(settings))
    for (const flag of ["system-prompt", "rubric", "instructions"]) {
      const path = settings[flag]
      if (typeof path === "string") hash.update(await readFile(path).catch(() => Buffer.from("(unreadable)")))
    }
    return hash.digest("hex")
  })

/** resolveRunSettings' checks, every one: a flag that fails is left out and the rest checked again. */
const settingsProblems = (cell: ExperimentCell, parsed: ParsedCell) =>
  Effect.gen(function* () {
    const problems: Array<ExperimentProblem> = []
    const without = new Set<string>()
    for (let round = 0; round < 32; round++) {
      const exit = yield* Effect.exit(resolveRunSettings(parsed.runOptions(without)))
      if (Exit.isSuccess(exit)) break
      const failure = Cause.findErrorOption(exit.cause)
      const error: unknown = failure._tag === "Some" ? failure.value : undefined
      if (!isEng5Failure(error)) break
      problems.push({ where: `cell ${cell.name}`, problem: error.message, fix: error.fix })
      const flag = "flag" in error && typeof error.flag === "string" ? error.flag.replace(/^--/, "") : ""
      if (flag === "" || without.has(flag) || flag === "assets") break
      without.add(flag)
    }
    return problems
  })

/**
 * Reads and checks an experiment file: its YAML, its shape, and every cell's flags with the
 * mode's own parser and run rules. All problems at once (InvalidExperiment, exit 2); nothing runs.
 */
export const loadExperiment = Effect.fnUntraced(function* (path: string, lookup: ModeLookup, options: { readonly sandbox: boolean; readonly suggest: (word: string, candidates: ReadonlyArray<string>) => string | undefined }) {
  const file = resolve(path)
  const json = yield* yamlOf(file)
  const modeName = typeof json === "object" && json !== null && "mode" in json && typeof json.mode === "string" ? json.mode.trim() : "execute"
  const found = yield* Effect.promise(() => lookup(modeName))
  const mode = "catalogue" in found ? found : null
  const parsed = parseExperiment(json, { catalogue: mode?.catalogue ?? null, baseDir: dirname(file), fileStem: basename(file, extname(file)), suggest: options.suggest })
  const problems: Array<ExperimentProblem> = [...(mode === null && "problem" in found ? [{ where: "mode", ...found }] : []), ...parsed.problems]
  if (parsed.spec === null || mode === null) return yield* invalidExperiment(file, problems)
  const spec: ExperimentSpec = options.sandbox ? { ...parsed.spec, sandbox: true } : parsed.spec
  const cells: Array<LoadedCell> = []
  for (const cell of spec.cells) {
    const settings: FlagSettings = spec.sandbox ? { ...cell.settings, sandbox: true } : cell.settings
    const cellParsed = yield* Effect.promise(() => mode.parseCell(settings))
    if (!("runOptions" in cellParsed)) {
      problems.push(...cellParsed.map((p) => ({ where: `cell ${cell.name}`, ...p })))
      continue
    }
    problems.push(...(yield* settingsProblems(cell, cellParsed)))
    cells.push({ ...cell, settings, parsed: cellParsed, fingerprint: yield* fingerprintOf(settings) })
  }
  if (problems.length > 0) return yield* invalidExperiment(file, problems)
  const loaded: LoadedExperiment = { file, spec, mode, cells }
  return loaded
})
