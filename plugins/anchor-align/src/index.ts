export * from "./alignmentMetrics.js"
export * from "./alignmentReport.js"
export * from "./kendallTauB.js"
export * from "./writeAlignmentReport.js"
