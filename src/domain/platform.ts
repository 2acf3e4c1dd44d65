/** Fixed values of the HuleEdu platform's wire contracts (contracts §2). */
export const COURSE_CODES = ["ENG5", "ENG6", "ENG7", "SV1", "SV2", "SV3"] as const
export type CourseCode = (typeof COURSE_CODES)[number]

export const LANGUAGES = ["en", "sv"] as const
export type Language = (typeof LANGUAGES)[number]

export const LLM_PROVIDERS = ["anthropic", "openai", "google", "openrouter", "mock"] as const
export type LlmProvider = (typeof LLM_PROVIDERS)[number]

export const REASONING_EFFORTS = ["none", "low", "medium", "high"] as const
export const OUTPUT_VERBOSITIES = ["low", "medium", "high"] as const

export const TOPICS = {
  request: "huleedu.els.cj_assessment.requested.v1",
  comparisonResult: "huleedu.llm_provider.comparison_result.v1",
  completed: "huleedu.cj_assessment.completed.v1",
  resultPublished: "huleedu.assessment.result.published.v1",
  failed: "huleedu.cj_assessment.failed.v1"
} as const

/**
 * Every topic above: the request eng5 publishes and the four it follows (classifyRecord's
 * FOLLOWED_TOPICS). Execute's Kafka preflight and `eng5 doctor` check that they exist.
 */
export const NEEDED_TOPICS: ReadonlyArray<string> = Object.values(TOPICS)

export const REQUEST_EVENT_NAME = "els.cj_assessment.requested"
export const SOURCE_SERVICE = "eng5_np_batch_runner"

export const DEFAULT_BATCH_LABEL = "eng5-np-local-batch"
export const DEFAULT_USER_ID = "eng5_np_research_runner"
/** CJ as the platform's dev compose publishes it on the host (contracts §1). */
export const DEFAULT_CJ_SERVICE_URL = "http://localhost:9095"
export const DEFAULT_CONTENT_SERVICE_URL = "http://localhost:8001/v1/content"
export const DEFAULT_KAFKA_BOOTSTRAP = "localhost:9093"
