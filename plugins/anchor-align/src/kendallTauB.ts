/** τ-b lives with eng5's other statistics (report compare and report html use it too). */
export { type KendallTauB, kendallTauB } from "eng5/sdk"
