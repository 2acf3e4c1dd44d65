import { buildInfo } from "../buildInfo.js"
import { Eng5Command } from "../cli/Eng5Command.js"

export interface VersionReport {
  readonly version: string
  readonly gitSha: string
  readonly node: string
  readonly platform: string
}

export default class Version extends Eng5Command {
  static override summary = "Show eng5's version and the git commit it was built from."
  static override examples = ["<%= config.bin %> version", "<%= config.bin %> version --json"]

  async run(): Promise<VersionReport> {
    await this.parse(Version)
    const build = buildInfo()
    const report: VersionReport = { version: build.version, gitSha: build.gitSha, node: build.nodeVersion, platform: build.platform }
    this.log(`eng5 ${report.version} (${report.gitSha}) node ${report.node} ${report.platform}`)
    return report
  }
}
