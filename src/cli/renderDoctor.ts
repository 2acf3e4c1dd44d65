import type { DoctorReport } from "../programs/doctor.js"
import { wrapText, wrappedTable } from "./table.js"

const MARK = { pass: "✔ pass", fail: "✖ fail", skip: "- skip" } as const

/** Doctor's table, then the fix of each failed check, every line within `width` columns. */
export const renderDoctor = (report: DoctorReport, width: number): string =>
  [
    wrappedTable(
      ["Check", "Result", "Detail"],
      report.checks.map((c) => [c.name, MARK[c.status], c.detail]),
      width
    ),
    ...report.checks
      .filter((c) => c.status === "fail" && c.fix !== null)
      .flatMap((c) => wrapText(`→ ${c.name}: ${c.fix}`, width - 2).map((text, i) => (i === 0 ? text : `  ${text}`))),
    report.failed === 0 ? "All checks passed." : `${report.failed} check${report.failed === 1 ? "" : "s"} failed.`,
    ...wrapText("`eng5 run execute --sandbox` needs none of this: it simulates CJ, the Content Service and Kafka in-process.", width)
  ].join("\n")
