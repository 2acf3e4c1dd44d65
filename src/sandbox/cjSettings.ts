/**
 * The settings of CJ's comparison workflow the sandbox follows, with CJ's own defaults
 * (services/cj_assessment_service/config.py). CJ reads each from an environment variable
 * `CJ_ASSESSMENT_SERVICE_<NAME>`; the sandbox takes them as flags (src/cli/sandboxFlags.ts).
 */
export interface CjSettings {
  /** MAX_PAIRWISE_COMPARISONS: the batch's comparison budget; a request's max_comparisons can only lower it. */
  readonly maxPairwiseComparisons: number
  /** MIN_COMPARISONS_FOR_STABILITY_CHECK: callbacks needed before scores may be judged stable. */
  readonly minComparisonsForStabilityCheck: number
  /** SCORE_STABILITY_THRESHOLD: the largest BT score change between iterations that counts as stable. */
  readonly scoreStabilityThreshold: number
  /** MIN_SUCCESS_RATE_THRESHOLD: below this share of successful callbacks a batch at its cap fails. */
  readonly minSuccessRateThreshold: number
  /** MIN_RESAMPLING_NET_SIZE: batches of this many students or fewer are "small nets". */
  readonly minResamplingNetSize: number
  readonly maxResamplingPassesForSmallNet: number
  readonly maxResamplingPassesForRegularBatch: number
  /** BATCH_MONITOR_INTERVAL_MINUTES: how often the batch monitor sweeps up batches that stalled. */
  readonly batchMonitorIntervalMinutes: number
  /** MATCHING_WEIGHT_COMPARISON_COUNT and MATCHING_WEIGHT_BT_PROXIMITY of the pair matching. */
  readonly matchingWeightComparisonCount: number
  readonly matchingWeightBtProximity: number
}

export const CJ_DEFAULT_SETTINGS: CjSettings = {
  maxPairwiseComparisons: 120,
  minComparisonsForStabilityCheck: 12,
  scoreStabilityThreshold: 0.025,
  minSuccessRateThreshold: 0.8,
  minResamplingNetSize: 3,
  maxResamplingPassesForSmallNet: 4,
  maxResamplingPassesForRegularBatch: 1,
  batchMonitorIntervalMinutes: 5,
  matchingWeightComparisonCount: 1,
  matchingWeightBtProximity: 0.5
}

/** CJ's monitor first sweeps 30 s after the service starts, then every interval. */
export const MONITOR_FIRST_SWEEP_MS = 30_000

/** The budget CJ resolves: the request's max_comparisons when it is an integer ≥ 1, never above the configured cap. */
export const resolveComparisonBudget = (maxComparisons: number | undefined, settings: CjSettings): number =>
  maxComparisons !== undefined && Number.isInteger(maxComparisons) && maxComparisons >= 1
    ? Math.min(settings.maxPairwiseComparisons, maxComparisons)
    : settings.maxPairwiseComparisons

/** CJ submits all waves at once (no stability checks in between) only in provider_batch_api mode, for providers that have one. */
const BATCH_API_PROVIDERS = new Set(["openai", "anthropic"])

export const submitsAllAtOnce = (batchingModeHint: unknown, provider: string): boolean =>
  typeof batchingModeHint === "string" && batchingModeHint.trim().toLowerCase() === "provider_batch_api" && BATCH_API_PROVIDERS.has(provider)

export const checkSettings = (settings: CjSettings): CjSettings => {
  const integers: ReadonlyArray<keyof CjSettings> = ["maxPairwiseComparisons", "minComparisonsForStabilityCheck", "minResamplingNetSize", "maxResamplingPassesForSmallNet", "maxResamplingPassesForRegularBatch"]
  for (const key of integers) if (!(Number.isInteger(settings[key]) && settings[key] >= 0)) throw new RangeError(`${key} must be an integer >= 0, got ${settings[key]}`)
  if (settings.maxPairwiseComparisons < 1) throw new RangeError("maxPairwiseComparisons must be at least 1")
  if (!(settings.minSuccessRateThreshold >= 0 && settings.minSuccessRateThreshold <= 1)) throw new RangeError("minSuccessRateThreshold must be between 0 and 1")
  if (!(settings.scoreStabilityThreshold >= 0) || !(settings.batchMonitorIntervalMinutes > 0)) throw new RangeError("scoreStabilityThreshold must be >= 0 and batchMonitorIntervalMinutes > 0")
  return settings
}
