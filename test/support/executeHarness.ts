/** execute against fake CJ admin, Content Service and Kafka, with CJ's side scripted by cjScript.ts. */
import { Layer } from "effect"
import { TOPICS } from "../../src/domain/platform.js"
import { memoryContentStore } from "../../src/layers/sandbox/memoryContentStore.js"
import { FOLLOW_DEFAULTS } from "../../src/programs/collect.js"
import type { ExecuteOptions } from "../../src/programs/execute.js"
import type { RunOptions } from "../../src/programs/runSettings.js"
import { ContentStore } from "../../src/services/ContentStore.js"
import { PostRunHooks } from "../../src/services/PostRunHooks.js"
import { testRunOptions } from "./assets.js"
import { answerRequest, type Scenario } from "./cjScript.js"
import { anchorEssay, fakeCjAdmin, quietBase } from "./fakeLayers.js"
import { fakeKafka } from "./fakeKafkaBus.js"

export const ASSIGNMENT = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e"
export const COURSE = "1b1b1b1b-2c2c-4d3d-8e4e-5f5f5f5f5f5f"
export const ANCHORS = ["ANCHOR_1_aaaaaaaa", "ANCHOR_2_bbbbbbbb", "ANCHOR_3_cccccccc"]
const cj = fakeCjAdmin(
  [{ assignmentId: ASSIGNMENT, gradeScale: "eng5_np_legacy_9_step", contextOrigin: "research_experiment", studentPromptStorageId: "p".repeat(32), instructionsText: "Write an essay." }],
  ANCHORS.map((id, i) => anchorEssay(id, ["A", "B", "C"][i] ?? "A"))
)

const contentStore = () => {
  const store = memoryContentStore("http://content.test/v1/content")
  return { uploads: () => [...store.texts().keys()], layer: Layer.succeed(ContentStore, store.service) }
}

export const runOptions = (overrides: Partial<RunOptions> = {}): RunOptions =>
  testRunOptions({ contentServiceUrl: "http://content.test/v1/content", assignmentId: ASSIGNMENT, courseId: COURSE, ...overrides })

export const executeOptions = (run: RunOptions, overrides: Partial<ExecuteOptions> = {}): ExecuteOptions => ({
  run,
  publish: true,
  kafkaClientId: "eng5-test",
  awaitCompletion: true,
  follow: { ...FOLLOW_DEFAULTS, completionTimeoutMs: 10_000, resultGraceMs: 500 },
  upload: { concurrency: 4, forceReupload: false, verifyContent: false },
  ...overrides
})

export const harness = (scenario: Scenario, hooks = PostRunHooks.none) => {
  const kafka = fakeKafka({ [TOPICS.request]: 1, [TOPICS.comparisonResult]: 3, [TOPICS.completed]: 1, [TOPICS.resultPublished]: 1, [TOPICS.failed]: 1 })
  kafka.onPublish = (message) => {
    const answer = answerRequest(message.value, scenario)
    for (const produced of [...answer.callbacks, ...answer.ending]) kafka.produce(produced.topic, produced.value, produced.partition ?? 0)
  }
  const content = contentStore()
  return { kafka, content, layer: Layer.mergeAll(quietBase, cj, content.layer, kafka.layer, hooks) }
}

export const requestOf = (kafka: ReturnType<typeof fakeKafka>) => JSON.parse(kafka.published[0]?.value ?? "null")
