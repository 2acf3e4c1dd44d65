import { randomUUID } from "node:crypto"
import { Flags } from "@oclif/core"
import { Layer } from "effect"
import { Eng5Command } from "../cli/Eng5Command.js"
import { renderDoctor } from "../cli/renderAdmin.js"
import { cjServiceUrlFlag, contentServiceUrlFlag, kafkaBootstrapFlag } from "../cli/serviceFlags.js"
import { networkProbeLive } from "../layers/http/NetworkProbeLive.js"
import { cjAdminWithAuthLive, contentStoreLive } from "../layers/liveStack.js"
import { type DoctorReport, doctorProgram } from "../programs/doctor.js"

/** Doctor wants an answer in seconds, not a run's patience. */
const QUICK_HTTP = { timeoutMillis: 5_000, retry: { maxAttempts: 2, baseDelayMillis: 200, maxDelayMillis: 500 } }

export default class Doctor extends Eng5Command {
  static override summary = "Check that everything a run needs is reachable and usable."
  static override description = "Checks CJ (reachable, and accepting the admin token), the Content Service, a TCP connection to the Kafka bootstrap servers, the token's claims, the assets folder and the output directory. Prints a pass/fail table with the fix for each failure; exit 0 only when every check passes."
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
    const services = { cjServiceUrl: flags["cj-service-url"], contentServiceUrl: flags["content-service-url"], uploadConcurrency: 1, http: QUICK_HTTP }
    const layer = Layer.mergeAll(this.baseLayer(flags.verbose), cjAdminWithAuthLive(services), contentStoreLive(services), networkProbeLive())
    const report = await this.runProgram(
      doctorProgram({
        cjServiceUrl: flags["cj-service-url"],
        kafkaBootstrap: flags["kafka-bootstrap"],
        assets: flags.assets,
        outputDir: flags["output-dir"],
        correlationId: randomUUID()
      }),
      layer
    )
    return this.conclude(report, renderDoctor)
  }
}
