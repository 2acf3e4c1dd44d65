import type { CjBatchExtract, CjComparisonPairRow } from "./Extractor.js"
import { extractCounts, pairOutcome, winsAndLosses } from "./extractSummary.js"

const RULE = "=".repeat(100)
const NONE = "—"

const shown = (value: string | number | null): string => (value === null || value === "" ? NONE : String(value))
const decimals = (value: number | null, digits: number): string => (value === null ? NONE : value.toFixed(digits))

const heading = (title: string): string[] => [RULE, title, RULE]

const fields = (rows: ReadonlyArray<readonly [string, string]>): string[] => {
  const width = Math.max(...rows.map(([name]) => name.length)) + 2
  return rows.map(([name, value]) => `  ${name.padEnd(width)}${value}`)
}

/** Columns padded to their widest cell; the last column is not padded. */
const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string[] => {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)))
  const line = (cells: ReadonlyArray<string>) => `  ${cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join("  ")}`.trimEnd()
  return [line(header), `  ${"-".repeat(widths.reduce((sum, width) => sum + width + 2, -2))}`, ...rows.map(line)]
}

const batchSection = (extract: CjBatchExtract): string[] => {
  const { batch } = extract
  return [
    ...heading(`CJ BATCH ${batch.bosBatchId}`),
    ...fields([
      ["CJ batch id", String(batch.id)],
      ["Status", shown(batch.status)],
      ["Course / language", `${shown(batch.courseCode)} / ${shown(batch.language)}`],
      ["Expected essays", shown(batch.expectedEssayCount)],
      ["Created", shown(batch.createdAt)],
      ["Completed", shown(batch.completedAt)]
    ])
  ]
}

const stateSection = (extract: CjBatchExtract): string[] => {
  const { state } = extract
  if (state === null) return [...heading("BATCH STATE"), "  (CJ has no state row for this batch)"]
  return [
    ...heading("BATCH STATE"),
    ...fields([
      ["State", shown(state.state)],
      ["Total budget", shown(state.totalBudget)],
      [
        "Comparisons",
        `total ${shown(state.totalComparisons)}, submitted ${shown(state.submittedComparisons)}, completed ${shown(state.completedComparisons)}, failed ${shown(state.failedComparisons)}`
      ],
      ["Iteration", shown(state.currentIteration)],
      ["Completion threshold", state.completionThresholdPct === null ? NONE : `${state.completionThresholdPct}%`]
    ])
  ]
}

const pairLines = (pair: CjComparisonPairRow, position: number): string[] => {
  const outcome = pairOutcome(pair)
  const result = outcome === null ? (pair.winner === null ? "no winner" : `no winner (${pair.winner})`) : `winner ${outcome.winnerId} (${pair.winner})`
  const justification = pair.justification === null || pair.justification.trim() === "" ? ["      (no justification)"] : pair.justification.split(/\r\n|\r|\n/).map((line) => `      ${line}`.trimEnd())
  return [
    `  #${position} (pair id ${pair.id})  ${pair.essayAId} vs ${pair.essayBId}`,
    `    Result: ${result}${pair.confidence === null ? "" : `, confidence ${pair.confidence}`}`,
    ...(pair.errorCode === null ? [] : [`    Error: ${pair.errorCode}`]),
    "    Justification:",
    ...justification,
    `    Submitted ${shown(pair.submittedAt)}, completed ${shown(pair.completedAt)}, correlation ${shown(pair.requestCorrelationId)}`,
    ""
  ]
}

const comparisonsSection = (extract: CjBatchExtract): string[] => [
  ...heading(`COMPARISON PAIRS (${extract.comparisons.length})`),
  ...(extract.comparisons.length === 0 ? ["  (none)"] : extract.comparisons.flatMap((pair, index) => pairLines(pair, index + 1)))
]

const scoresSection = (extract: CjBatchExtract): string[] => {
  const tally = winsAndLosses(extract.comparisons)
  const projectedGrade = new Map(extract.gradeProjections.map((projection) => [projection.essayId, projection.primaryGrade]))
  let rank = 0
  const rows = extract.essays.map((essay) => {
    const record = tally.get(essay.essayId) ?? { wins: 0, losses: 0 }
    const projected = projectedGrade.get(essay.essayId)
    const grade = essay.isAnchor ? shown(essay.knownGrade) : projected === undefined || projected === null ? NONE : `${projected} (projected)`
    return [
      essay.btScore === null ? NONE : String(++rank),
      essay.essayId,
      decimals(essay.btScore, 4),
      decimals(essay.btStandardError, 4),
      String(record.wins),
      String(record.losses),
      String(essay.comparisonCount),
      essay.isAnchor ? "yes" : "no",
      grade
    ]
  })
  return [
    ...heading(`BRADLEY-TERRY SCORES (${extract.essays.length} essays, best first)`),
    ...table(["Rank", "Essay id", "BT score", "BT SE", "Wins", "Losses", "Compared", "Anchor", "Grade"], rows)
  ]
}

const projectionsSection = (extract: CjBatchExtract): string[] => {
  const rows = extract.gradeProjections.map((projection) => [
    projection.essayId,
    shown(projection.primaryGrade),
    projection.confidenceLabel === null ? decimals(projection.confidenceScore, 2) : `${projection.confidenceLabel} (${decimals(projection.confidenceScore, 2)})`,
    decimals(projection.normalizedScore, 4),
    shown(projection.gradeScale)
  ])
  return [
    ...heading(`STUDENT GRADE PROJECTIONS (${extract.gradeProjections.length})`),
    ...(rows.length === 0 ? ["  (none)"] : table(["Essay id", "Grade", "Confidence", "Normalised score", "Scale"], rows))
  ]
}

const summarySection = (extract: CjBatchExtract): string[] => {
  const counts = extractCounts(extract)
  return [
    ...heading("SUMMARY"),
    `  Essays: ${counts.essays} (${counts.students} students, ${counts.anchors} anchors)`,
    `  Comparisons: ${counts.comparisons} (${counts.comparisonsWithWinner} with a winner, ${counts.comparisonsFailed} failed, ${counts.comparisonsPending} pending)`,
    `  Grade projections: ${counts.gradeProjections}`
  ]
}

/** The readable report of an extract: batch and state, pairs with winners and justifications, scores, projections, counts. */
export const extractText = (extract: CjBatchExtract): string =>
  [
    ...batchSection(extract),
    "",
    ...stateSection(extract),
    "",
    ...comparisonsSection(extract),
    ...scoresSection(extract),
    "",
    ...projectionsSection(extract),
    "",
    ...summarySection(extract)
  ].join("\n") + "\n"
