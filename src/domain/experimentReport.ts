import { ExitCode } from "../errors.js"
import { mean } from "../statistics/describe.js"
import { type BootstrapInterval, type Inversion, repeatedTauB } from "../statistics/index.js"
import type { AssessmentRunArtefact } from "./artefact.js"
import { alignmentOfArtefact } from "./artefactAlignment.js"
import { compareRuns } from "./compareRuns.js"
import { findGradeScale, gradeRank } from "./gradeScales.js"

/** How a batch failed, as every eng5 report names a failure. */
interface RunError {
  readonly tag: string
  readonly message: string
  readonly fix: string
  readonly exitCode: number
}

export interface RunInput {
  readonly repeat: number
  readonly batchUuid: string
  readonly runFolder: string
  /** The run folder's artefact; null when the batch never wrote one. */
  readonly artefact: AssessmentRunArtefact | null
  readonly error: RunError | null
}

export interface CellInput {
  readonly cell: string
  readonly variant: string
  readonly matrix: Readonly<Record<string, string>>
  readonly settings: Readonly<Record<string, unknown>>
  readonly plannedRuns: number
  readonly runs: ReadonlyArray<RunInput>
}

export interface RunRow {
  readonly repeat: number
  readonly batchUuid: string
  readonly runFolder: string
  /** How following ended (the artefact's outcome); `not_started` when there is no artefact. */
  readonly outcome: string
  readonly kendallTauB: number | null
  readonly inversions: number | null
  readonly splitHalf: number | null
  readonly comparisons: number
  readonly failedComparisons: number
  readonly costUsd: number
  readonly error: RunError | null
}

interface BoundaryCount {
  /** The grade of the anchor that lost, and of the one that beat it. */
  readonly higherGrade: string
  readonly lowerGrade: string
  /** Grade steps between them: 1 for neighbouring grades. */
  readonly steps: number | null
  readonly count: number
}

interface ScaleBoundary {
  /** The boundary between two neighbouring grades of the scale, e.g. `C+ | B`. */
  readonly boundary: string
  readonly lowerGrade: string
  readonly upperGrade: string
  /** From the bottom of the scale: 0 is the boundary above the lowest grade. */
  readonly position: number
  /** Inversions per run whose two grades lie on either side of it (one two grades apart crosses two). */
  readonly perRun: number
}

export interface CellReport {
  readonly cell: string
  readonly variant: string
  readonly matrix: Readonly<Record<string, string>>
  readonly settings: Readonly<Record<string, unknown>>
  readonly runs: ReadonlyArray<RunRow>
  readonly plannedRuns: number
  readonly completedRuns: number
  /** Mean over the completed runs of τ-b between CJ's rank of the anchors and their known grades. */
  readonly kendallTauB: number | null
  readonly kendallTauBInterval: BootstrapInterval | null
  /** Direct inversions (a lower-graded anchor beat a higher-graded one): mean per run, and by grade boundary over all runs. */
  readonly inversions: { readonly perRun: number | null; readonly byBoundary: ReadonlyArray<BoundaryCount>; readonly byScaleBoundary: ReadonlyArray<ScaleBoundary> }
  /** Mean over the completed runs of the split-half reliability (each run's median). */
  readonly splitHalf: number | null
  /** Between the completed runs of the cell (every pair, over the essays they share); null with fewer than two. */
  readonly repeatAgreement: { readonly pairs: number; readonly kendallTauB: number | null; readonly spearmanRho: number | null; readonly exactGradeAgreement: number | null } | null
  readonly comparisons: number
  readonly failedComparisons: number
  readonly costUsd: number
  readonly tokens: { readonly prompt: number; readonly completion: number }
  /** Batches that did not complete (failed, unfinished or never started). */
  readonly failures: number
  /** Against the first variant's cell with the same matrix values; null for a baseline cell. */
  readonly versusBaseline: { readonly baseline: string; readonly kendallTauBDifference: number | null; readonly interval: BootstrapInterval | null } | null
}

/** The seed of the bootstrap: fixed, so a report is the same every time it is written. */
const BOOTSTRAP_SEED = "eng5-experiment-bootstrap"

const meanOrNull = (values: ReadonlyArray<number | null>): number | null => {
  const present = values.filter((value): value is number => value !== null)
  return present.length === 0 ? null : mean(present)
}

interface Aligned {
  readonly run: RunInput
  readonly artefact: AssessmentRunArtefact
  readonly tau: number | null
  readonly inversions: ReadonlyArray<Inversion> | null
  /** Anchor → its grade order and CJ's rank (negated: larger is better in both). */
  readonly truth: ReadonlyMap<string, number>
  readonly scores: ReadonlyMap<string, number>
}

const alignRun = (run: RunInput, artefact: AssessmentRunArtefact): Aligned => {
  const alignment = alignmentOfArtefact(artefact)
  const scale = findGradeScale(artefact.metadata.grade_scale)
  if (alignment._tag === "Unavailable" || scale === undefined) return { run, artefact, tau: null, inversions: null, truth: new Map(), scores: new Map() }
  const graded = alignment.metrics.anchors.flatMap((anchor) => {
    const order = anchor.expectedGrade === null ? undefined : gradeRank(anchor.expectedGrade, scale)
    return order === undefined ? [] : [{ id: anchor.anchorId, order, score: -anchor.cjRank }]
  })
  return {
    run,
    artefact,
    tau: alignment.metrics.kendallTauB.value,
    inversions: alignment.metrics.inversions,
    truth: new Map(graded.map((anchor) => [anchor.id, anchor.order])),
    scores: new Map(graded.map((anchor) => [anchor.id, anchor.score]))
  }
}

const boundaries = (aligned: ReadonlyArray<Aligned>): ReadonlyArray<BoundaryCount> => {
  const counts = new Map<string, BoundaryCount>()
  for (const run of aligned) {
    const scale = findGradeScale(run.artefact.metadata.grade_scale)
    for (const inversion of run.inversions ?? []) {
      const key = `${inversion.higherGrade}\u0000${inversion.lowerGrade}`
      const higher = scale === undefined ? undefined : gradeRank(inversion.higherGrade, scale)
      const lower = scale === undefined ? undefined : gradeRank(inversion.lowerGrade, scale)
      const seen = counts.get(key)
      counts.set(key, { higherGrade: inversion.higherGrade, lowerGrade: inversion.lowerGrade, steps: higher === undefined || lower === undefined ? null : higher - lower, count: (seen?.count ?? 0) + 1 })
    }
  }
  return [...counts.values()].sort((a, b) => (a.steps ?? 99) - (b.steps ?? 99) || b.count - a.count || a.higherGrade.localeCompare(b.higherGrade))
}

/** Every boundary of the scale, lowest first, with the inversions per run that cross it. */
const scaleBoundaries = (aligned: ReadonlyArray<Aligned>): ReadonlyArray<ScaleBoundary> => {
  const scale = aligned[0] === undefined ? undefined : findGradeScale(aligned[0].artefact.metadata.grade_scale)
  if (scale === undefined) return []
  const grades = [...(scale.belowLowest === null ? [] : [scale.belowLowest]), ...scale.grades]
  const offset = scale.belowLowest === null ? 0 : 1
  const crossings = grades.slice(1).map(() => 0)
  for (const run of aligned) {
    for (const inversion of run.inversions ?? []) {
      const upper = gradeRank(inversion.higherGrade, scale)
      const lower = gradeRank(inversion.lowerGrade, scale)
      if (upper === undefined || lower === undefined) continue
      for (let position = lower + offset; position < upper + offset; position++) crossings[position] = (crossings[position] ?? 0) + 1
    }
  }
  return crossings.map((count, position) => ({ boundary: `${grades[position]} | ${grades[position + 1]}`, lowerGrade: grades[position] ?? "", upperGrade: grades[position + 1] ?? "", position, perRun: count / aligned.length }))
}

const rowOf = (run: RunInput, aligned: Aligned | undefined): RunRow => {
  const artefact = run.artefact
  return {
    repeat: run.repeat,
    batchUuid: run.batchUuid,
    runFolder: run.runFolder,
    outcome: artefact?.validation.runner_status.outcome ?? "not_started",
    kendallTauB: aligned?.tau ?? null,
    inversions: aligned?.inversions?.length ?? null,
    splitHalf: artefact?.reliability?.split_half?.median ?? null,
    comparisons: artefact?.llm_comparisons.length ?? 0,
    failedComparisons: artefact?.llm_comparisons.filter((c) => c.status === "failed").length ?? 0,
    costUsd: artefact?.costs.total_usd ?? 0,
    // A completed batch keeps only a failure of its own post-run steps; how an earlier process ended is not its story.
    error: artefact?.validation.runner_status.outcome === "completed" && run.error?.exitCode !== ExitCode.PostRunFailed ? null : run.error
  }
}

const agreementOf = (aligned: ReadonlyArray<Aligned>): CellReport["repeatAgreement"] => {
  if (aligned.length < 2) return null
  const { pairs } = compareRuns(aligned.map((a) => ({ folder: a.run.runFolder, artefact: a.artefact })))
  return {
    pairs: pairs.length,
    kendallTauB: meanOrNull(pairs.map((p) => p.kendallTauB)),
    spearmanRho: meanOrNull(pairs.map((p) => p.spearmanRho)),
    exactGradeAgreement: meanOrNull(pairs.map((p) => p.exactAgreement))
  }
}

/** The first variant's cell with the same matrix values: what a cell is compared with. */
const baselineIndex = (cells: ReadonlyArray<CellInput>, index: number): number | null => {
  const cell = cells[index] as CellInput
  const first = cells[0]?.variant
  if (cell.variant === first) return null
  const found = cells.findIndex((other) => other.variant === first && JSON.stringify(other.matrix) === JSON.stringify(cell.matrix))
  return found < 0 ? null : found
}

/**
 * The experiment's statistics, cell by cell, from its runs' artefacts: only completed runs
 * count towards τ-b, inversions, reliability and agreement; every run counts towards
 * comparisons, failures and cost. Pure.
 */
export const experimentStatistics = (cells: ReadonlyArray<CellInput>, options: { readonly replicates?: number } = {}): ReadonlyArray<CellReport> => {
  const aligned = cells.map((cell) =>
    cell.runs.flatMap((run) => (run.artefact !== null && run.artefact.validation.runner_status.outcome === "completed" ? [alignRun(run, run.artefact)] : []))
  )
  const baselines = cells.map((_, index) => baselineIndex(cells, index))
  const pairs = baselines.flatMap((baseline, index) => (baseline === null ? [] : [[index, baseline] as const]))
  const taus = repeatedTauB(
    aligned.map((runs) => ({ truth: new Map(runs.flatMap((run) => [...run.truth])), repeats: runs.filter((run) => run.truth.size > 0).map((run) => run.scores) })),
    pairs,
    { seed: BOOTSTRAP_SEED, ...(options.replicates === undefined ? {} : { replicates: options.replicates }) }
  )
  return cells.map((cell, index): CellReport => {
    const runs = aligned[index] ?? []
    const rows = cell.runs.map((run) => rowOf(run, runs.find((a) => a.run === run)))
    const tau = taus.groups[index]
    const pairIndex = pairs.findIndex(([group]) => group === index)
    const difference = pairIndex < 0 ? undefined : taus.differences[pairIndex]
    const baseline = baselines[index]
    return {
      cell: cell.cell,
      variant: cell.variant,
      matrix: cell.matrix,
      settings: cell.settings,
      runs: rows,
      plannedRuns: cell.plannedRuns,
      completedRuns: runs.length,
      kendallTauB: tau?.value ?? null,
      kendallTauBInterval: tau?.interval ?? null,
      inversions: { perRun: meanOrNull(runs.map((run) => run.inversions?.length ?? null)), byBoundary: boundaries(runs), byScaleBoundary: scaleBoundaries(runs) },
      splitHalf: meanOrNull(runs.map((run) => run.artefact.reliability?.split_half?.median ?? null)),
      repeatAgreement: agreementOf(runs),
      comparisons: rows.reduce((sum, row) => sum + row.comparisons, 0),
      failedComparisons: rows.reduce((sum, row) => sum + row.failedComparisons, 0),
      costUsd: rows.reduce((sum, row) => sum + row.costUsd, 0),
      tokens: cell.runs.reduce(
        (sum, run) => ({
          prompt: sum.prompt + (run.artefact?.costs.token_counts.reduce((total, line) => total + line.prompt_tokens, 0) ?? 0),
          completion: sum.completion + (run.artefact?.costs.token_counts.reduce((total, line) => total + line.completion_tokens, 0) ?? 0)
        }),
        { prompt: 0, completion: 0 }
      ),
      failures: cell.plannedRuns - runs.length,
      versusBaseline: baseline === null || baseline === undefined ? null : { baseline: cells[baseline]?.cell ?? "", kendallTauBDifference: difference?.value ?? null, interval: difference?.interval ?? null }
    }
  })
}
