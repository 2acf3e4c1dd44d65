import { randomUUID } from "node:crypto"
import { Flags } from "@oclif/core"
import { Layer } from "effect"
import { Eng5Command } from "../cli/Eng5Command.js"
import { renderDoctor } from "../cli/renderDoctor.js"
import { terminalWidth } from "../cli/table.js"
import { cjServiceUrlFlag, contentServiceUrlFlag, kafkaBootstrapFlag } from "../cli/serviceFlags.js"
import { networkProbeLive } from "../layers/http/NetworkProbeLive.js"
import { cjAdminWithAuthLive } from "../layers/liveStack.js"
import { type DoctorReport, doctorProgram } from "../programs/doctor.js"

/** Doctor wants an answer in seconds, not a run's patience. */
const QUICK_HTTP = { timeoutMillis: 5_000, retry: { maxAttempts: 2, baseDelayMillis: 200, maxDelayMillis: 500 } }

export default class Doctor extends Eng5Command {
  static override summary = "Check that everything a run needs is reachable and usable."
  static override description = `Checks each service by what only it does: CJ by its authenticated admin call (which also proves it accepts the admin token), the Content Service by its own answer to an id it cannot hold, Kafka by its protocol (ApiVersions, then Metadata: the request topic and the result topics must exist); then the token's claims, the assets folder and the output directory. Prints a pass/fail table with the likely cause and fix of each failure; exit 0 only when every check passes.

\`eng5 run execute --sandbox\` needs none of this: it simulates CJ, the Content Service and Kafka in-process.`
  static override examples = ["<%= config.bin %> doctor", "<%= config.bin %> doctor --assets examples/eng5 --json"]
  static override flags = {
    "cj-service-url": cjServiceUrlFlag,
    "content-service-url": contentServiceUrlFlag,
    "kafka-bootstrap": kafkaBootstrapFlag,
    assets: Flags.string({ description: "Dataset folder to check (anchor_essays/, student_essays/).", env: "ENG5_ASSETS" }),
    "output-dir": Flags.string({ description: "Where run folders are created.", env: "ENG5_OUTPUT_DIR", default: "eng5-runs" })
  }

  async run(): Promise<DoctorReport> {
    const { flags } = await this.parse(Doctor)
    const services = { cjServiceUrl: flags["cj-service-url"], contentServiceUrl: flags["content-service-url"], http: QUICK_HTTP }
    const layer = Layer.mergeAll(this.baseLayer(flags.verbose), cjAdminWithAuthLive(services), networkProbeLive())
    const report = await this.runProgram(
      doctorProgram({
        cjServiceUrl: flags["cj-service-url"],
        contentServiceUrl: flags["content-service-url"],
        kafkaBootstrap: flags["kafka-bootstrap"],
        assets: flags.assets,
        outputDir: flags["output-dir"],
        correlationId: randomUUID()
      }),
      layer
    )
    return this.conclude(report, (done) => renderDoctor(done, terminalWidth()))
  }
}
