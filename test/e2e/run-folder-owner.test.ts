/**
 * One eng5 process at a time owns a run folder, against a real Kafka: attach while execute
 * follows the batch is refused with the owner's PID and writes nothing; attach on the finished
 * run reports it and reads nothing more, however many later messages are on the topics.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { TOPICS } from "../../src/domain/platform.js"
import { EVENT_FILES } from "../../src/runFolder/eventLog.js"
import { makeAssets, tempDir } from "../support/assets.js"
import { comparisonCallback } from "../support/cjEvents.js"
import { platformProducer, waitUntil } from "../support/cjResponder.js"
import { answerRequest } from "../support/cjScript.js"
import { startCli } from "../support/cliProcess.js"
import { type FakePlatform, startFakePlatform } from "../support/fakePlatform.js"
import { brokerAvailable, type KafkaBroker } from "../support/kafkaBroker.js"

const ASSIGNMENT = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0f"
const ANCHORS = ["ANCHOR_1_aaaaaaaa", "ANCHOR_2_bbbbbbbb", "ANCHOR_3_cccccccc"]

const folderOf = (out: string): string | undefined => readdirSync(out).filter((name) => name.startsWith("owner-")).map((name) => join(out, name))[0]

const eventFiles = (folder: string): Record<string, string> =>
  Object.fromEntries(Object.values(EVENT_FILES).map((file) => [file, existsSync(join(folder, file)) ? readFileSync(join(folder, file), "utf8") : ""]))

describe.skipIf(!brokerAvailable())("one process owns a run folder (built CLI, real Kafka)", () => {
  let platform: FakePlatform
  let broker: KafkaBroker
  let env: NodeJS.ProcessEnv
  const assets = makeAssets()
  const release = Promise.withResolvers<void>()

  beforeAll(async () => {
    platform = await startFakePlatform({
      assignment: ASSIGNMENT,
      anchors: ANCHORS,
      script: async (request, emit) => {
        const answer = answerRequest(request.value, { anchors: ANCHORS, ending: "complete" })
        await emit(answer.callbacks.slice(0, 3))
        await release.promise
        await emit(answer.callbacks.slice(3))
        await emit(answer.ending)
      }
    })
    ;({ broker, env } = platform)
  }, 300_000)

  afterAll(() => platform?.stop(), 60_000)

  it("refuses attach while execute follows the batch, and attach on the finished run changes nothing", async () => {
    const out = tempDir("eng5-owner-")
    const args = ["run", "execute", "--assets", assets, "--assignment-id", ASSIGNMENT, "--output-dir", out, "--batch-id", "owner", "--await-completion", "--json"]
    const execute = startCli(args, env)
    await waitUntil(() => {
      const folder = folderOf(out)
      return folder !== undefined && eventFiles(folder)[EVENT_FILES.comparison] !== ""
    }, 60_000, "the first stored callbacks")
    const folder = folderOf(out) ?? ""

    const refused = await startCli(["run", "attach", folder, "--json"], env).done
    expect(refused.code).toBe(2)
    const { error } = JSON.parse(refused.stdout)
    expect(error.tag).toBe("RunFolderBusy")
    expect(error.message).toContain(`PID ${execute.child.pid}`)

    release.resolve()
    const executed = await execute.done
    expect(executed.code).toBe(0)
    expect(JSON.parse(executed.stdout).comparisons.duplicates).toBe(0)
    expect(existsSync(join(folder, ".eng5.lock"))).toBe(false)

    const producer = await platformProducer(broker.bootstrap)
    const batch = JSON.parse(readFileSync(join(folder, "run.json"), "utf8")).batch_uuid as string
    await producer.send([
      { topic: TOPICS.comparisonResult, value: comparisonCallback({ batchUuid: batch, essayA: ANCHORS[0] ?? "", essayB: ANCHORS[1] ?? "", requestId: "late-1" }) },
      { topic: TOPICS.comparisonResult, value: "not json" }
    ])
    await producer.disconnect()
    const artefact = readFileSync(join(folder, "assessment_run.json"), "utf8")
    const events = eventFiles(folder)

    const attached = await startCli(["run", "attach", folder, "--json"], env).done
    expect(attached.code).toBe(2)
    expect(JSON.parse(attached.stdout).error).toMatchObject({ tag: "RunAlreadyFinished", message: expect.stringContaining("already ended (completed)") })
    expect(readFileSync(join(folder, "assessment_run.json"), "utf8")).toBe(artefact)
    expect(eventFiles(folder)).toEqual(events)
  }, 180_000)
})
