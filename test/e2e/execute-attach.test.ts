/**
 * `eng5 run execute` and `eng5 run attach` as an operator runs them: the built CLI as a child
 * process against a real Kafka broker, fake CJ and Content Service over loopback HTTP, and CJ's
 * Kafka side played by a responder. Covers kill -9 and Ctrl-C mid-batch, and a broker restart.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { TOPICS } from "../../src/domain/platform.js"
import { EVENT_FILES } from "../../src/runFolder/eventLog.js"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { makeAssets, tempDir } from "../support/assets.js"
import { comparisonCallback } from "../support/cjEvents.js"
import { type CjResponder, type Script, sleep, waitUntil } from "../support/cjResponder.js"
import { answerRequest } from "../support/cjScript.js"
import { startCli } from "../support/cliProcess.js"
import { type FakePlatform, startFakePlatform } from "../support/fakePlatform.js"
import { brokerAvailable, type KafkaBroker, requireOwnedBroker } from "../support/kafkaBroker.js"

const ASSIGNMENT = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e"
const COURSE = "1b1b1b1b-2c2c-4d3d-8e4e-5f5f5f5f5f5f"
const ANCHORS = ["ANCHOR_1_aaaaaaaa", "ANCHOR_2_bbbbbbbb", "ANCHOR_3_cccccccc"]
const PACED_CALLBACKS = 300

interface Gate {
  readonly open: () => void
  readonly opened: Promise<void>
}
const gate = (): Gate => {
  const { promise, resolve } = Promise.withResolvers<void>()
  return { open: () => resolve(), opened: promise }
}

/** 300 callbacks: the first 100 at once, the rest (and the completion and result) once the gate opens. */
const pacedScript =
  (release: Gate): Script =>
  async (request, emit) => {
    const answer = answerRequest(request.value, { anchors: ANCHORS, ending: "complete" })
    const batch = request.key ?? ""
    const callbacks = Array.from({ length: PACED_CALLBACKS }, (_, i) => ({
      topic: TOPICS.comparisonResult,
      value: comparisonCallback({ batchUuid: batch, essayA: ANCHORS[i % 3] ?? "", essayB: answer.students[i % answer.students.length] ?? "", requestId: `req-${i}` }),
      partition: i % 3
    }))
    await emit(callbacks.slice(0, 100))
    await release.opened
    for (let i = 100; i < PACED_CALLBACKS; i += 50) await emit(callbacks.slice(i, i + 50))
    await emit(answer.ending)
  }

const storedRequestIds = (folder: string): string[] => {
  try {
    return readFileSync(join(folder, EVENT_FILES.comparison), "utf8")
      .split("\n")
      .filter((l) => l.endsWith("}"))
      .map((l) => (JSON.parse(l) as { event: { data: { request_id: string } } }).event.data.request_id)
  } catch {
    return []
  }
}

const onlyRunFolder = (outputDir: string): string => {
  const folders = readdirSync(outputDir).filter((name) => name.startsWith("e2e-"))
  if (folders.length !== 1) throw new Error(`expected one run folder in ${outputDir}, found ${folders.join(", ")}`)
  return join(outputDir, folders[0] ?? "")
}

describe.skipIf(!brokerAvailable())("eng5 run execute / attach (built CLI, real Kafka)", () => {
  let platform: FakePlatform
  let broker: KafkaBroker
  let responder: CjResponder
  let env: NodeJS.ProcessEnv
  const assets = makeAssets()

  const executeArgs = (outputDir: string, extra: ReadonlyArray<string> = []) => [
    "run",
    "execute",
    "--assets",
    assets,
    "--assignment-id",
    ASSIGNMENT,
    "--course-id",
    COURSE,
    "--output-dir",
    outputDir,
    "--batch-id",
    "e2e",
    "--await-completion",
    ...extra
  ]

  beforeAll(async () => {
    platform = await startFakePlatform({ assignment: ASSIGNMENT, anchors: ANCHORS })
    ;({ broker, responder, env } = platform)
  }, 300_000)

  afterAll(() => platform?.stop(), 60_000)

  it("doctor passes each service by what only it does: CJ's admin call, the Content Service's not-found answer, Kafka's metadata with the platform's topics", async () => {
    const result = await startCli(["doctor", "--json", "--output-dir", tempDir("eng5-doctor-")], env).done
    expect(result.code).toBe(0)
    const checks: ReadonlyArray<{ name: string; status: string; detail: string }> = JSON.parse(result.stdout).checks
    expect(checks.filter((c) => c.status === "fail")).toEqual([])
    expect(checks.find((c) => c.name === "Kafka")?.detail).toMatch(/speaks Kafka \(\d+ APIs; brokers .+\); the request topic and the 4 result topics exist/)
  }, 60_000)

  it("follows a batch to its result and prints one JSON report; no secret anywhere", async () => {
    responder.answerWith(async (request, emit) => {
      const answer = answerRequest(request.value, { anchors: ANCHORS, duplicates: 2, errorCallbacks: 1, poison: true, noise: true, ending: "complete" })
      await emit(answer.callbacks)
      await emit(answer.ending)
    })
    const out = tempDir("eng5-e2e-")
    const result = await startCli([...executeArgs(out), "--json"], env).done
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.outcome).toBe("completed")
    expect(report.comparisons).toEqual({ received: 10, succeeded: 9, failed: 1, duplicates: 2 })
    expect(report.events.invalid).toBe(4)
    expect(responder.requests.find((r) => r.key === report.batchUuid)?.problems).toEqual([])
    const artefactText = readFileSync(report.artefactPath, "utf8")
    expect(artefactSchemaErrors(JSON.parse(artefactText))).toEqual([])
    const logText = readFileSync(report.logPath, "utf8")
    for (const text of [result.stdout, result.stderr, artefactText, logText]) expect(text).not.toContain(platform.secret)
    expect(readdirSync(report.runFolder).sort()).toEqual(["assessment_run.json", "events", "logs", "offsets.json", "reports", "request.json", "run.json"])
  }, 90_000)

  it("times out with exit 4, keeps what arrived and names the attach command", async () => {
    responder.answerWith(async (request, emit) => {
      await emit(answerRequest(request.value, { anchors: ANCHORS, ending: "silence" }).callbacks.slice(0, 5))
    })
    const out = tempDir("eng5-e2e-")
    const result = await startCli(executeArgs(out, ["--completion-timeout", "4"]), env).done
    expect(result.code).toBe(4)
    const folder = onlyRunFolder(out)
    expect(result.stdout).toContain("Timed out waiting for CJ")
    expect(result.stdout).toContain("5 received")
    expect(result.stderr).toContain(`eng5 run attach ${folder}`)
    const artefact = JSON.parse(readFileSync(join(folder, "assessment_run.json"), "utf8"))
    expect(artefact.validation.runner_status).toMatchObject({ partial_data: true, outcome: "timed_out" })
    expect(artefact.llm_comparisons).toHaveLength(5)
  }, 90_000)

  it("after kill -9 mid-batch, attach finishes the batch with no event lost or stored twice", async () => {
    const release = gate()
    responder.answerWith(pacedScript(release))
    const out = tempDir("eng5-e2e-")
    const cli = startCli(executeArgs(out), env)
    await waitUntil(() => readdirSync(out).some((n) => n.startsWith("e2e-")) && storedRequestIds(onlyRunFolder(out)).length >= 30, 60_000, "the first stored callbacks")
    cli.child.kill("SIGKILL")
    const killed = await cli.done
    expect(killed.signal).toBe("SIGKILL")
    const folder = onlyRunFolder(out)
    const before = storedRequestIds(folder).length
    expect(before).toBeLessThan(PACED_CALLBACKS)
    release.open()

    const attached = await startCli(["run", "attach", folder, "--json"], env).done
    expect(attached.code).toBe(0)
    const report = JSON.parse(attached.stdout)
    expect(report.outcome).toBe("completed")
    expect(report.comparisons.received).toBe(PACED_CALLBACKS)
    const ids = storedRequestIds(folder)
    expect(ids).toHaveLength(PACED_CALLBACKS)
    expect(new Set(ids).size).toBe(PACED_CALLBACKS)
    const artefact = JSON.parse(readFileSync(join(folder, "assessment_run.json"), "utf8"))
    expect(artefact.llm_comparisons).toHaveLength(PACED_CALLBACKS)
    expect(artefactSchemaErrors(artefact)).toEqual([])
  }, 120_000)

  it("Ctrl-C saves what arrived and exits 130 with the attach command; attach then completes", async () => {
    const release = gate()
    responder.answerWith(pacedScript(release))
    const out = tempDir("eng5-e2e-")
    const cli = startCli(executeArgs(out), env)
    await waitUntil(() => readdirSync(out).some((n) => n.startsWith("e2e-")) && storedRequestIds(onlyRunFolder(out)).length >= 30, 60_000, "the first stored callbacks")
    cli.child.kill("SIGINT")
    const interrupted = await cli.done
    const folder = onlyRunFolder(out)
    expect(interrupted.code).toBe(130)
    expect(interrupted.stderr).toContain(`eng5 run attach ${folder}`)
    // The whole report, as every run prints it, with the comparisons that arrived before Ctrl-C.
    expect(interrupted.stdout).toMatch(/\d+ received/)
    expect(interrupted.stdout).toContain("Interrupted.")
    const saved = JSON.parse(readFileSync(join(folder, "assessment_run.json"), "utf8"))
    expect(saved.validation.runner_status.outcome).toBe("interrupted")
    expect(saved.llm_comparisons.length).toBe(storedRequestIds(folder).length)
    release.open()

    const batchUuid = JSON.parse(readFileSync(join(folder, "run.json"), "utf8")).batch_uuid
    const attached = await startCli(["run", "attach", batchUuid, "--output-dir", out], env).done
    expect(attached.code).toBe(0)
    expect(attached.stdout).toContain(`${PACED_CALLBACKS} received`)
    expect(new Set(storedRequestIds(folder)).size).toBe(PACED_CALLBACKS)
  }, 120_000)

  it("survives a broker restart mid-batch (a plain run when the broker is external and cannot be restarted)", async () => {
    const release = gate()
    responder.answerWith(pacedScript(release))
    const out = tempDir("eng5-e2e-")
    const cli = startCli([...executeArgs(out), "--json"], env)
    await waitUntil(() => readdirSync(out).some((n) => n.startsWith("e2e-")) && storedRequestIds(onlyRunFolder(out)).length >= 30, 60_000, "the first stored callbacks")
    if (requireOwnedBroker(broker)) await broker.restart()
    else process.stderr.write("note: KAFKA_BOOTSTRAP_SERVERS names an external broker; the restart step is skipped\n")
    await sleep(500)
    release.open()
    const result = await cli.done
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.comparisons.received).toBe(PACED_CALLBACKS)
    expect(report.comparisons.duplicates).toBe(0)
    const ids = storedRequestIds(report.runFolder)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toHaveLength(PACED_CALLBACKS)
  }, 180_000)
})
