/**
 * The platform as the Kafka e2e tests play it: a real broker with the platform's topics, fake CJ
 * and Content Service over loopback HTTP (one assignment with its anchors), CJ's Kafka side played
 * by a responder, and the environment the built CLI needs to reach them.
 */
import { randomUUID } from "node:crypto"
import { type CjResponder, ensurePlatformTopics, type Script, startCjResponder } from "./cjResponder.js"
import { isolatedEnv } from "./cliProcess.js"
import { type FakeCj, type FakeContentService, startCjService, startContentService } from "./httpServers.js"
import { ensureBroker, type KafkaBroker } from "./kafkaBroker.js"

export interface FakePlatform {
  readonly broker: KafkaBroker
  readonly cj: FakeCj
  readonly contentService: FakeContentService
  readonly responder: CjResponder
  /** The CLI's environment: the services above, a development JWT secret, nothing of the developer's. */
  readonly env: NodeJS.ProcessEnv
  readonly secret: string
  stop(): Promise<void>
}

export const startFakePlatform = async (options: { readonly assignment: string; readonly anchors: ReadonlyArray<string>; readonly script?: Script }): Promise<FakePlatform> => {
  const secret = `test-secret-${randomUUID()}`
  const broker = await ensureBroker()
  await ensurePlatformTopics(broker.bootstrap)
  const cj = await startCjService({ secret })
  cj.assignments.set(options.assignment, { assignmentId: options.assignment, gradeScale: "eng5_np_legacy_9_step", contextOrigin: "research_experiment", studentPromptStorageId: "f".repeat(32), instructionsText: "Write an essay." })
  options.anchors.forEach((_, i) => cj.anchors.push({ id: i + 1, assignmentId: options.assignment, label: `anchor_${i}`, grade: "C+", gradeScale: "eng5_np_legacy_9_step", storageId: "e".repeat(32) }))
  const contentService = await startContentService()
  const responder = await startCjResponder(broker.bootstrap, options.script ?? (async () => undefined))
  const env = isolatedEnv({ KAFKA_BOOTSTRAP_SERVERS: broker.bootstrap, CJ_SERVICE_URL: cj.url, CONTENT_SERVICE_URL: contentService.endpoint, JWT_SECRET_KEY: secret, ENVIRONMENT: "development" })
  return {
    broker,
    cj,
    contentService,
    responder,
    env,
    secret,
    stop: async () => {
      await responder.stop()
      await Promise.allSettled([cj.close(), contentService.close()])
      await broker.stop()
    }
  }
}
