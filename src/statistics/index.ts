/** The one statistics core: CJ's estimator, SEs and grade projection, reliability and agreement. */
export * from "./anchorAlignment.js"
export { gradeAgreement, quadraticWeightedKappa, spearmanRho } from "./agreement.js"
export { type BatchEssayRef, type CjEssayScore, type CjScoring, type Outcome, scoreLikeCj } from "./cjScoring.js"
export { CJ_SE_CAP } from "./cjStandardErrors.js"
export { CJ_ALPHA } from "./cjEstimator.js"
export { type GradeProjection, projectGrades } from "./gradeProjection.js"
export { type KendallTauB, kendallTauB } from "./kendallTauB.js"
export { scaleSeparation, type Separation, type SplitHalf, splitHalfReliability } from "./reliability.js"
