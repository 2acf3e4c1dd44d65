import type { AlignmentMetrics, AnchorAlignment, Inversion } from "eng5/sdk"
import type { KendallTauB } from "./kendallTauB.js"
import { codeBlock, markdownCell, markdownTable, truncate } from "./markdown.js"

export interface AlignmentReport {
  readonly batchLabel: string
  readonly batchUuid: string
  /** ISO 8601, UTC. */
  readonly generatedAt: string
  readonly metrics: AlignmentMetrics
  /** The texts sent to CJ; null means none was sent and CJ used its own default. */
  readonly prompts: { readonly systemPrompt: string | null; readonly judgeRubric: string | null }
  /** Anchor id → the file the anchor came from, for the per-anchor table. */
  readonly sourceFiles?: Readonly<Record<string, string>>
}

export const ALIGNMENT_REPORT_SCHEMA = "eng5.anchor-alignment/1"
export const CJ_DEFAULT_PROMPT = "(CJ default)"
const JUSTIFICATION_CELL_LENGTH = 100

export interface AnchorRowJson {
  readonly anchor_id: string
  readonly cj_essay_id: string
  readonly source_file: string | null
  readonly expected_grade: string | null
  readonly grade_in_scale: boolean
  readonly bt_score: number
  readonly cj_rank: number
  readonly expected_rank_from: number | null
  readonly expected_rank_to: number | null
  readonly wins: number
  readonly losses: number
  readonly win_rate: number | null
}

export interface InversionJson {
  readonly higher_graded_anchor: string
  readonly higher_grade: string
  readonly lower_graded_anchor: string
  readonly lower_grade: string
  readonly occurrences: number
  readonly first_comparison: number
  readonly confidence: number | null
  readonly justification: string | null
}

/** The JSON twin of the markdown report; full texts, no rounding. */
export interface AlignmentReportJson {
  readonly schema: typeof ALIGNMENT_REPORT_SCHEMA
  readonly batch_label: string
  readonly batch_uuid: string
  readonly generated_at: string
  readonly grade_scale: string
  readonly summary: {
    readonly comparisons_used: number
    readonly comparisons_not_succeeded: number
    readonly comparisons_not_between_anchors: number
    readonly comparisons_with_unknown_grade: number
    readonly kendall_tau_b: number | null
    readonly kendall_tau_b_pairs: {
      readonly anchors: number
      readonly pairs: number
      readonly concordant: number
      readonly discordant: number
      readonly tied_in_rank_only: number
      readonly tied_in_grade_only: number
      readonly tied_in_both: number
    }
    readonly direct_inversions: number
    readonly zero_win_anchors: number
    readonly unknown_grade_anchors: ReadonlyArray<string>
    readonly anchors_without_result: ReadonlyArray<string>
  }
  readonly anchors: ReadonlyArray<AnchorRowJson>
  readonly inversions: ReadonlyArray<InversionJson>
  /** null: CJ's default was used. */
  readonly prompts: { readonly system_prompt: string | null; readonly judge_rubric: string | null }
}

const sourceFileOf = (report: AlignmentReport, anchorId: string): string | null =>
  report.sourceFiles !== undefined && Object.hasOwn(report.sourceFiles, anchorId) ? (report.sourceFiles[anchorId] ?? null) : null

export const alignmentReportJson = (report: AlignmentReport): AlignmentReportJson => {
  const { metrics } = report
  const tau = metrics.kendallTauB
  return {
    schema: ALIGNMENT_REPORT_SCHEMA,
    batch_label: report.batchLabel,
    batch_uuid: report.batchUuid,
    generated_at: report.generatedAt,
    grade_scale: metrics.gradeScale,
    summary: {
      comparisons_used: metrics.comparisons.used,
      comparisons_not_succeeded: metrics.comparisons.notSucceeded,
      comparisons_not_between_anchors: metrics.comparisons.notBetweenAnchors,
      comparisons_with_unknown_grade: metrics.comparisons.withUnknownGrade,
      kendall_tau_b: tau.value,
      kendall_tau_b_pairs: {
        anchors: tau.items,
        pairs: tau.pairs,
        concordant: tau.concordant,
        discordant: tau.discordant,
        tied_in_rank_only: tau.tiedInFirstOnly,
        tied_in_grade_only: tau.tiedInSecondOnly,
        tied_in_both: tau.tiedInBoth
      },
      direct_inversions: metrics.inversions.length,
      zero_win_anchors: metrics.zeroWinAnchors,
      unknown_grade_anchors: metrics.unknownGradeAnchors,
      anchors_without_result: metrics.anchorsWithoutResult
    },
    anchors: metrics.anchors.map((anchor) => ({
      anchor_id: anchor.anchorId,
      cj_essay_id: anchor.cjEssayId,
      source_file: sourceFileOf(report, anchor.anchorId),
      expected_grade: anchor.expectedGrade,
      grade_in_scale: anchor.gradeInScale,
      bt_score: anchor.btScore,
      cj_rank: anchor.cjRank,
      expected_rank_from: anchor.expectedRankFrom,
      expected_rank_to: anchor.expectedRankTo,
      wins: anchor.wins,
      losses: anchor.losses,
      win_rate: anchor.winRate
    })),
    inversions: metrics.inversions.map((inversion) => ({
      higher_graded_anchor: inversion.higherGradedAnchor,
      higher_grade: inversion.higherGrade,
      lower_graded_anchor: inversion.lowerGradedAnchor,
      lower_grade: inversion.lowerGrade,
      occurrences: inversion.occurrences,
      first_comparison: inversion.firstComparison,
      confidence: inversion.confidence,
      justification: inversion.justification
    })),
    prompts: { system_prompt: report.prompts.systemPrompt, judge_rubric: report.prompts.judgeRubric }
  }
}

/** Fixed decimals without a "-0.000" for tiny negatives. */
const fixed = (value: number, digits: number): string => {
  const text = value.toFixed(digits)
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text
}

const describeTau = (tau: KendallTauB): string => {
  if (tau.value !== null) return fixed(tau.value, 3)
  if (tau.items < 2) return "n/a (fewer than two ranked anchors with a grade in the scale)"
  return "n/a (every pair is tied in grade or in rank)"
}

const describeTauPairs = (tau: KendallTauB): string =>
  `${tau.items} anchors, ${tau.pairs} pairs: ${tau.concordant} concordant, ${tau.discordant} discordant, ` +
  `${tau.tiedInSecondOnly} tied in grade, ${tau.tiedInFirstOnly} tied in rank, ${tau.tiedInBoth} tied in both`

const countWithIds = (ids: ReadonlyArray<string>): string => (ids.length === 0 ? "0" : `${ids.length} (${ids.join(", ")})`)

const gradeCell = (anchor: AnchorAlignment): string => {
  if (anchor.expectedGrade === null) return "—"
  return anchor.gradeInScale ? anchor.expectedGrade : `${anchor.expectedGrade} (not in scale)`
}

const expectedRankCell = (anchor: AnchorAlignment): string => {
  if (anchor.expectedRankFrom === null || anchor.expectedRankTo === null) return "—"
  return anchor.expectedRankFrom === anchor.expectedRankTo ? String(anchor.expectedRankFrom) : `${anchor.expectedRankFrom}–${anchor.expectedRankTo}`
}

const summarySection = (metrics: AlignmentMetrics): string => {
  const { comparisons, kendallTauB: tau } = metrics
  const rows: Array<[string, string]> = [
    ["Comparisons used (succeeded, between anchors)", String(comparisons.used)],
    ["Comparisons left out", `${comparisons.notSucceeded} not succeeded, ${comparisons.notBetweenAnchors} not between anchors`],
    ["Used comparisons with an anchor of unknown grade", String(comparisons.withUnknownGrade)],
    ["Kendall's τ-b (CJ rank vs expected grade)", describeTau(tau)],
    ["Pairs behind τ-b", describeTauPairs(tau)],
    ["Direct inversions (unique pairs)", String(metrics.inversions.length)],
    ["Zero-win anchors", String(metrics.zeroWinAnchors)],
    ["Anchors without a grade in the scale", countWithIds(metrics.unknownGradeAnchors)],
    ["Anchors with no CJ result", countWithIds(metrics.anchorsWithoutResult)]
  ]
  return `## Summary\n\n${markdownTable(["Metric", "Value"], rows.map(([name, value]) => [markdownCell(name), markdownCell(value)]))}`
}

const anchorsSection = (report: AlignmentReport): string => {
  const rows = report.metrics.anchors.map((anchor) =>
    [
      anchor.anchorId,
      gradeCell(anchor),
      fixed(anchor.btScore, 3),
      String(anchor.cjRank),
      expectedRankCell(anchor),
      String(anchor.wins),
      String(anchor.losses),
      anchor.winRate === null ? "—" : `${Math.round(anchor.winRate * 100)}%`,
      sourceFileOf(report, anchor.anchorId) ?? ""
    ].map(markdownCell)
  )
  const header = ["Anchor", "Grade", "BT score", "CJ rank", "Expected rank", "Wins", "Losses", "Win rate", "Source"]
  return `## Anchors\n\nSorted by expected rank; anchors sharing a grade share a span of expected ranks.\n\n${markdownTable(header, rows)}`
}

const inversionRow = (inversion: Inversion): string[] =>
  [
    `${inversion.higherGradedAnchor} (${inversion.higherGrade})`,
    `${inversion.lowerGradedAnchor} (${inversion.lowerGrade})`,
    String(inversion.occurrences),
    String(inversion.firstComparison),
    inversion.confidence === null ? "—" : String(Math.round(inversion.confidence * 100) / 100),
    truncate(inversion.justification ?? "", JUSTIFICATION_CELL_LENGTH)
  ].map(markdownCell)

const inversionsSection = (metrics: AlignmentMetrics): string | null => {
  if (metrics.inversions.length === 0) return null
  const header = ["Higher grade", "Lower grade (winner)", "Times", "First comparison", "Confidence", "Justification (first)"]
  return `## Direct inversions\n\nA lower-graded anchor beat a higher-graded one.\n\n${markdownTable(header, metrics.inversions.map(inversionRow))}`
}

const promptsSection = (prompts: AlignmentReport["prompts"]): string =>
  [
    "## Prompts used",
    `### System prompt\n\n${codeBlock(prompts.systemPrompt ?? CJ_DEFAULT_PROMPT)}`,
    `### Judge rubric\n\n${codeBlock(prompts.judgeRubric ?? CJ_DEFAULT_PROMPT)}`
  ].join("\n\n")

export const alignmentReportMarkdown = (report: AlignmentReport): string => {
  const title = `# Anchor alignment: ${report.batchLabel.replace(/\s+/g, " ")}`
  const about = `Batch \`${report.batchUuid}\` · grade scale \`${report.metrics.gradeScale}\` · generated ${report.generatedAt}`
  const sections = [title, about, summarySection(report.metrics), anchorsSection(report), inversionsSection(report.metrics), promptsSection(report.prompts)]
  return `${sections.filter((section) => section !== null).join("\n\n")}\n`
}
