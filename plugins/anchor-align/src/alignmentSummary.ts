import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { table } from "eng5/sdk"
import { ALIGNMENT_REPORT_STEM } from "./alignmentFromArtefact.js"
import type { AlignmentReportJson } from "./alignmentReport.js"

/** The alignment report a run wrote into its folder; null when there is none (the batch did not complete). */
export const readAlignmentJson = async (runFolder: string): Promise<AlignmentReportJson | null> => {
  try {
    return JSON.parse(await readFile(join(runFolder, `${ALIGNMENT_REPORT_STEM}.json`), "utf8")) as AlignmentReportJson
  } catch {
    return null
  }
}

const rank = (from: number | null, to: number | null): string => (from === null ? "–" : from === to || to === null ? String(from) : `${from}–${to}`)

/**
 * What anchor-align prints in place of CJ's grade projections: in the GUEST flow CJ has no
 * anchors to project grades from, so its projections are all U. The anchors are named by the
 * ids of the alignment report, with their known grade, CJ's rank and Kendall's τ-b.
 */
export const alignmentSummaryLines = (report: AlignmentReportJson | null): ReadonlyArray<string> => {
  if (report === null) return ["Anchor alignment: not written (it needs a batch CJ completed; see the post-run table)."]
  const { summary } = report
  const pairs = summary.kendall_tau_b_pairs
  const tau = summary.kendall_tau_b === null ? "n/a (too few anchors with a grade, or every pair tied)" : summary.kendall_tau_b.toFixed(3)
  return [
    "Anchor alignment (CJ's rank against the anchors' grades):",
    table(
      ["Anchor", "Grade", "CJ rank", "Expected rank", "BT θ", "Wins", "Losses"],
      report.anchors.map((a) => [a.anchor_id, a.expected_grade ?? "–", a.cj_rank, rank(a.expected_rank_from, a.expected_rank_to), a.bt_score.toFixed(3), a.wins, a.losses])
    ),
    `Kendall's τ-b (CJ rank vs grade): ${tau} (${pairs.anchors} anchors, ${pairs.pairs} pairs: ${pairs.concordant} concordant, ${pairs.discordant} discordant)`,
    `Direct inversions: ${summary.direct_inversions} · zero-win anchors: ${summary.zero_win_anchors}`
  ]
}
