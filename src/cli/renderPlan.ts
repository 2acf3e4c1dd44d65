import type { DryRunReport } from "../programs/dryRun.js"
import type { PlanReport } from "../programs/plan.js"
import { renderCostEstimate } from "./renderCostEstimate.js"
import { renderForecast } from "./renderForecast.js"
import { kib, table } from "./table.js"

export const renderPlan = (report: PlanReport): string => {
  const { anchors, students, capacity } = report
  const lines = [
    `Batch ${report.batchLabel}  (batch uuid ${report.batchUuid}, not kept: pass --batch-uuid to reuse one)`,
    `Assets      ${report.assetsDir}`,
    `Instructions ${report.instructions === null ? "none found" : `${report.instructions.path} (${kib(report.instructions.bytes)})`}`,
    `Grade scale ${report.gradeScale}${report.assignment === null ? " (default; no --assignment-id)" : ` (from CJ, assignment ${report.assignment.assignmentId}, ${report.assignment.contextOrigin})`}`,
    "",
    `Anchors: ${anchors.count} files, ${kib(anchors.bytes)} in ${anchors.dir}`,
    table(["Grade", "Anchors"], anchors.grades.map((g) => [g.grade, g.count])),
    "",
    `Students: ${students.count} files, ${kib(students.bytes)} in ${students.dir}`,
    table(
      ["File", "Essay id", "Size", "Characters"],
      students.files.map((f) => [f.fileName, f.essayId, kib(f.bytes), f.characters])
    ),
    "",
    table(
      ["Comparison capacity", "Pairs"],
      [
        ["anchor × student", capacity.anchorStudentPairs],
        ["student × student", capacity.studentStudentPairs],
        ["all essays", capacity.allPairs],
        ["budget hint (--max-comparisons)", report.maxComparisons ?? "CJ default"]
      ]
    ),
    "",
    `LLM: provider ${report.llm.provider ?? "CJ default"}, model ${report.llm.model ?? "CJ default"}, system prompt ${report.llm.systemPrompt.source === "file" ? `from ${report.llm.systemPrompt.path}` : "CJ's default system prompt (no override sent)"}, rubric ${report.llm.rubric ? "from file" : "CJ's"}`,
    "",
    renderCostEstimate(report.costEstimate),
    ...(report.forecast === undefined ? [] : ["", renderForecast(report.forecast)])
  ]
  if (report.warnings.length > 0) lines.push("", "Warnings:", ...report.warnings.map((w) => `  - ${w}`))
  lines.push("", `Ready: ${students.count} students against ${anchors.count} anchors. Next: eng5 run dry-run with the same flags.`)
  return lines.join("\n")
}

export const renderDryRun = (report: DryRunReport): string =>
  [
    `Canonical batch UUID: ${report.batchUuid} (label: ${report.batchLabel})`,
    `Correlation id: ${report.correlationId}`,
    `Run folder: ${report.runFolder}`,
    `  request   ${report.requestPath}`,
    `  artefact  ${report.artefactPath}`,
    `  log       ${report.logPath}`,
    `Essays in request: ${report.essays} (${report.cachedStorageIds} storage ids from the upload cache, ${report.placeholderStorageIds} marked not-uploaded)`,
    `Anchor × student pairs available: ${report.capacity.anchorStudentPairs}`,
    renderCostEstimate(report.costEstimate),
    ...(report.forecast === undefined ? [] : [renderForecast(report.forecast)]),
    ...(report.warnings.length > 0 ? ["Warnings:", ...report.warnings.map((w) => `  - ${w}`)] : []),
    "Nothing was uploaded or published."
  ].join("\n")
