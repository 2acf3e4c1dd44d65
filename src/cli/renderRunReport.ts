import type { ArtefactReliability } from "../domain/artefactReliability.js"
import { MIN_COMPONENT_SHARE } from "../statistics/reliability.js"
import type { RunReport } from "../programs/runReport.js"
import { renderEstimateBesideActual } from "./renderCostEstimate.js"
import { table } from "./table.js"

/** Distinct prompt hashes listed in the human summary. */
const PROMPT_HASH_ROWS = 5

const usd = (value: number): string => `$${value.toFixed(4)}`

const projectionRows = (report: RunReport) =>
  report.gradeProjections.map((p) => [
    p.essayId,
    p.grade,
    p.probability === null ? "–" : `${p.probability.toFixed(2)}${p.probabilitySource === "cj_confidence_score" ? "*" : ""}`,
    p.confidenceLabel ?? "–",
    p.rank,
    p.theta.toFixed(3),
    p.standardError === null ? "–" : p.standardError.toFixed(2),
    p.comparisons
  ])

const UNDER_COMPARED_SHOWN = 10

const two = (value: number): string => value.toFixed(2)

/** One sentence on what the split-half and the SSR say together, never a threshold beside a number that misses it. */
const verdict = (r: ArtefactReliability): string => {
  const half = r.split_half
  const level =
    half === null
      ? "There are too few comparisons for a split-half reliability"
      : half.median >= 0.8
        ? "The split-half reliability reaches 0.8, the level usually asked of grades"
        : half.median >= 0.7
          ? "The split-half reliability is between 0.7 and 0.8: enough to rank, short of the 0.8 usually asked of grades"
          : "The split-half reliability is below 0.7: another batch of the same essays would order them noticeably differently"
  const ssr = r.ssr === null ? "CJ's SSR cannot be read here" : "CJ's SSR, from SEs that carry the reference anchor's own error and scores its estimator shrinks, tends to read lower"
  const more = half !== null && half.median < 0.8 ? "; about ten comparisons per essay is usually enough for 0.8" : ""
  return `${level}; ${ssr}${more}.`
}

/** The batch's reliability, what it means, then the students whose score rests on too few comparisons. */
export const reliabilityLines = (r: ArtefactReliability): Array<string> => {
  const half = r.split_half === null ? "split-half n/a" : `split-half ${two(r.split_half.median)} (${two(r.split_half.low)}–${two(r.split_half.high)} over ${r.split_half.splits} random splits)`
  const ssr = r.ssr === null ? `SSR n/a: ${r.ssr_not_estimable_reason ?? "not estimable"}` : `SSR ${two(r.ssr)}`
  // Below the threshold the SSR's reason already gives the share.
  const connected = r.largest_component_share === null || r.largest_component_share < MIN_COMPONENT_SHARE ? "" : `; ${Math.round(r.largest_component_share * 100)}% of the students linked both ways by wins and losses`
  const named = r.under_compared.slice(0, UNDER_COMPARED_SHOWN).map((e) => `${e.essay_id} (${e.comparisons})`)
  const more = r.under_compared.length - named.length
  return [
    `Reliability over ${r.students} students: ${half}; ${ssr}${connected}${r.mean_standard_error === null ? "" : `; mean SE ${two(r.mean_standard_error)} logits`}.`,
    verdict(r),
    r.under_compared.length === 0
      ? `Every student has at least ${r.min_trusted_comparisons} successful comparisons.`
      : `Too few comparisons to trust (under ${r.min_trusted_comparisons}): ${named.join(", ")}${more > 0 ? ` and ${more} more (all in the artefact's reliability)` : ""}.`
  ]
}

/**
 * The human summary of execute and attach (stdout). A mode whose essays are not students (the
 * anchors of anchor-align) passes its own `essaySection` in place of CJ's grade projections.
 * With `verbose` (--verbose) it lists the most used prompt hashes too.
 */
export const renderRunReport = (report: RunReport, essaySection?: ReadonlyArray<string>, options: { readonly verbose?: boolean } = {}): string => {
  const lines = [
    ...(report.sandbox === null
      ? []
      : [`SANDBOX REHEARSAL (seed ${report.sandbox.seed}): CJ, the LLM judge and Kafka were simulated in this process. Nothing here is data about these essays.`]),
    `Batch ${report.batchLabel}  (batch uuid ${report.batchUuid}, correlation id ${report.correlationId})`,
    report.published === null ? "Request not published." : `Request published to ${report.published.topic} (partition ${report.published.partition}, offset ${report.published.offset}).`,
    ...(report.upload === null ? [] : [`Essays: ${report.upload.essays} (${report.upload.uploaded} uploaded, ${report.upload.reused} reused from ${report.upload.cachePath})`]),
    `Outcome: ${report.message}${report.cjStatus === null ? "" : ` CJ status: ${report.cjStatus}.`}`
  ]
  if (report.outcome !== "not_published" && report.outcome !== "not_followed") {
    const c = report.comparisons
    const e = report.events
    lines.push(
      `Comparisons: ${c.received} received: ${c.succeeded} succeeded, ${c.failed} failed (${c.duplicates} duplicate callback${c.duplicates === 1 ? "" : "s"} ignored). Events: ${e.completions} completion, ${e.results} result, ${e.failures} failure, ${e.invalid} invalid. ${report.elapsedSeconds} s.`,
      "",
      renderEstimateBesideActual(report.costs.estimate, report.costs.totalUsd, report.costs.atUserPricesUsd)
    )
    if (report.costs.byModel.length > 0) {
      lines.push(
        table(
          ["Provider", "Model", "Comparisons", "Failed", "Prompt tokens", "Completion tokens", "USD"],
          report.costs.byModel.map((m) => [m.provider, m.model, m.comparisons, m.failed, m.promptTokens, m.completionTokens, usd(m.usd)])
        )
      )
    }
    if (options.verbose !== true) {
      const distinct = report.promptHashes.length
      lines.push("", distinct === 0 ? "Prompt hashes: none seen." : `Prompt hashes: ${distinct} distinct (each comparison's is in the artefact; --verbose lists the most used).`)
    } else {
      lines.push("", report.promptHashes.length === 0 ? "Prompt hashes: none seen" : "Prompt hashes:")
    }
    if (options.verbose === true && report.promptHashes.length > 0) {
      // Prompts embed both essays, so hashes are usually one per pair: show the most used, count the rest.
      const shown = [...report.promptHashes].sort((a, b) => b.comparisons - a.comparisons).slice(0, PROMPT_HASH_ROWS)
      lines.push(table(["SHA-256 of the prompt", "Comparisons"], shown.map((p) => [p.hash, p.comparisons])))
      const rest = report.promptHashes.length - shown.length
      if (rest > 0) lines.push(`… and ${rest} more distinct prompt hashes (all listed with --json and in the artefact).`)
    }
    if (essaySection !== undefined) lines.push("", ...essaySection)
    else lines.push("", report.gradeProjections.length === 0 ? "Grade projections: none (no assessment result)" : "Grade projections (students):")
    if (essaySection === undefined && report.gradeProjections.length > 0) {
      lines.push(table(["Essay", "Grade", "P", "Confidence", "Rank", "BT θ", "SE", "Comparisons"], projectionRows(report)))
      if (report.gradeProjections.some((p) => p.probabilitySource === "cj_confidence_score")) {
        lines.push("* CJ published no grade distribution; P is its confidence in the projected grade.")
      }
    }
    if (report.reliability !== null) lines.push("", ...reliabilityLines(report.reliability))
    if (report.postRun.length > 0) lines.push("", table(["Post-run hook", "Status", "Detail"], report.postRun.map((h) => [h.hook, h.status, h.detail])))
  }
  lines.push("", `Run folder: ${report.runFolder}`, `  artefact  ${report.artefactPath}`, `  request   ${report.requestPath}`, `  log       ${report.logPath}`)
  if (report.htmlReport !== undefined) lines.push(`  report    ${report.htmlReport}  (open in a browser; or: eng5 report html ${report.runFolder})`)
  if (report.attachCommand !== null) lines.push("", `Follow the batch with: ${report.attachCommand}`)
  return lines.join("\n")
}
