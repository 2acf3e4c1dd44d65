export { gradeAgreement, quadraticWeightedKappa, spearmanRho } from "./agreement.js"
export { type KendallTauB, kendallTauB } from "./kendallTauB.js"
