import { randomUUID } from "node:crypto"
import { Layer } from "effect"
import { Eng5Command } from "../../cli/Eng5Command.js"
import { renderAuthVerification } from "../../cli/renderAdmin.js"
import { cjServiceUrlFlag } from "../../cli/serviceFlags.js"
import { cjAdminWithAuthLive } from "../../layers/liveStack.js"
import { type AuthVerification, verifyAuthProgram } from "../../programs/verifyAuth.js"

export default class AuthVerify extends Eng5Command {
  static override summary = "Show the admin token's claims (never the token) and prove CJ accepts it."
  static override description = "Finds the token as the platform does (HULEEDU_SERVICE_ACCOUNT_TOKEN, then HULEEDU_ADMIN_TOKEN, else a dev token minted with JWT_SECRET_KEY outside production), shows its claims, and makes one authenticated call to CJ. Exit 0 only when CJ accepts it."
  static override examples = ["<%= config.bin %> auth verify", "<%= config.bin %> auth verify --cj-service-url http://localhost:9095 --json"]
  static override flags = { "cj-service-url": cjServiceUrlFlag }

  async run(): Promise<AuthVerification> {
    const { flags } = await this.parse(AuthVerify)
    const layer = Layer.mergeAll(this.baseLayer(flags.verbose), cjAdminWithAuthLive({ cjServiceUrl: flags["cj-service-url"], contentServiceUrl: "" }))
    const verification = await this.runProgram(verifyAuthProgram(randomUUID()), layer)
    return this.conclude(verification, renderAuthVerification)
  }
}
