import type { AnchorSummary, InstructionsPage } from "../services/CjAdmin.js"
import type { AssignmentView } from "../programs/inspectCj.js"
import type { RegisterAnchorsReport } from "../programs/registerAnchors.js"
import type { UploadContentReport } from "../programs/uploadContent.js"
import type { AuthVerification } from "../programs/verifyAuth.js"
import { table } from "./table.js"

const sets = (n: number): string => `${n} instruction set${n === 1 ? "" : "s"}`

const day = (date: Date | undefined): string => (date === undefined ? "" : date.toISOString().replace(/\.\d{3}Z$/, "Z"))

export const renderAnchorSummary = (summary: AnchorSummary): string => {
  const byScale = Object.entries(summary.anchorCountByScale).map(([scale, count]) => `${scale} ${count}`).join(", ")
  return [
    `Assignment ${summary.assignmentId}: ${summary.anchorCount} anchors in ${summary.gradeScale} (${summary.anchorCountTotal} in all scales${byScale === "" ? "" : `: ${byScale}`})`,
    summary.anchors.length === 0
      ? "No anchors in this scale yet: eng5 anchors register <assignment-id> --anchor-dir DIR"
      : table(
          ["Label", "Grade", "Anchor id", "Storage id", "Created"],
          summary.anchors.map((a) => [a.anchorLabel, a.grade, a.id, a.textStorageId, day(a.createdAt)])
        )
  ].join("\n")
}

export const renderAssignment = (view: AssignmentView): string => {
  const { assignment } = view
  const preview = assignment.instructionsText.replace(/\s+/g, " ")
  return [
    `Assignment     ${assignment.assignmentId}`,
    `Grade scale    ${assignment.gradeScale}`,
    `Context origin ${assignment.contextOrigin}${assignment.contextOrigin === "canonical_national" ? " (rubric overrides refused)" : ""}`,
    `Student prompt ${assignment.studentPromptStorageId === null ? "missing (execute will refuse to run)" : `present (${assignment.studentPromptStorageId})`}`,
    `Created        ${day(assignment.createdAt) || "unknown"}`,
    `Instructions   ${preview.length > 100 ? `${preview.slice(0, 100)}…` : preview}`,
    "",
    renderAnchorSummary(view.anchors)
  ].join("\n")
}

export const renderInstructionsPage = (page: InstructionsPage): string => {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize))
  return [
    table(
      ["Assignment", "Course", "Grade scale", "Context origin", "Prompt", "Created"],
      page.items.map((i) => [i.assignmentId ?? "", i.courseId ?? "", i.gradeScale, i.contextOrigin, i.studentPrompt ? "yes" : "no", day(i.createdAt)])
    ),
    `Page ${page.page} of ${pages} (${sets(page.total)})${page.page < pages ? `; next: --page ${page.page + 1}` : ""}`
  ].join("\n")
}

export const renderRegistration = (report: RegisterAnchorsReport): string =>
  [
    `Assignment ${report.assignmentId} (${report.gradeScale}), anchors from ${report.anchorDir}`,
    table(
      ["File", "Label", "Grade", "Result", "Anchor id", "Detail"],
      report.anchors.map((a) => [a.fileName, a.label, a.grade, a.status, a.anchorId ?? "", a.error ?? a.storageId ?? ""])
    ),
    `${report.registered} registered, ${report.replaced} replaced${report.notHeld === 0 ? "" : `, ${report.notHeld} answered but not held by CJ`}, ${report.failed} failed.`
  ].join("\n")

export const renderAuthVerification = (v: AuthVerification): string => {
  const claims = v.claims
  const lines = [`Token from ${v.source}`]
  if (claims === null) lines.push("  (not a JWT: eng5 cannot show its claims)")
  else {
    lines.push(
      table(
        ["Claim", "Value"],
        [
          ["sub", claims.subject ?? "(none)"],
          ["roles", claims.roles.join(", ") || "(none)"],
          ["iss", claims.issuer ?? "(none)"],
          ["aud", claims.audience ?? "(none)"],
          ["iat", claims.issuedAt ?? "(none)"],
          ["exp", claims.expiresAt ?? "(none)"]
        ]
      )
    )
  }
  for (const problem of v.problems) lines.push(`  warning: ${problem}`)
  lines.push(v.cjAccepted ? `✔ CJ accepted the token (it lists ${sets(v.instructionSets ?? 0)}).` : "✖ CJ did not accept the token.")
  return lines.join("\n")
}

export const renderUpload = (report: UploadContentReport): string =>
  [
    `${report.essays} student essays from ${report.studentDir} → ${report.endpoint}`,
    `${report.uploaded} uploaded, ${report.reused} reused from the cache${report.missingRemotely > 0 ? `, ${report.missingRemotely} cached ids were gone and re-uploaded` : ""}, ${report.retries} retries.`,
    `Upload cache: ${report.cachePath}`
  ].join("\n")
