import type { FailureSummary } from "../programs/outcome.js"

/** How a command failed: the `error` object of every failing `--json` output. */
export type FailureReport = FailureSummary

export const formatFailure = (report: FailureReport): string => `✖ ${report.message}\n  → ${report.fix}`

/** The documented `--json` error object (README "Using it"). */
export const failureJson = (report: FailureReport) => ({ tag: report.tag, message: report.message, fix: report.fix, exitCode: report.exitCode })
