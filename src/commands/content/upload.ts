import { randomUUID } from "node:crypto"
import { Flags } from "@oclif/core"
import { Layer } from "effect"
import { Eng5Command } from "../../cli/Eng5Command.js"
import { essayLimitFlags, toEssayLimits } from "../../cli/essayLimitFlags.js"
import { renderUpload } from "../../cli/renderAdmin.js"
import { contentServiceUrlFlag } from "../../cli/serviceFlags.js"
import { uploadFlags } from "../../cli/uploadFlags.js"
import { contentStoreLive } from "../../layers/liveStack.js"
import { type UploadContentReport, uploadContentProgram } from "../../programs/uploadContent.js"

export default class ContentUpload extends Eng5Command {
  static override summary = "Upload student essays to the Content Service and record their storage ids in the upload cache."
  static override description = "The upload step of execute on its own: essays already in <output-dir>/content_upload_cache.json for this Content Service are reused, the rest are uploaded with bounded concurrency and retries, and every finished upload is saved at once, so Ctrl-C keeps what was done. A later dry-run then shows real storage ids."
  static override examples = ["<%= config.bin %> content upload --assets examples/eng5", "<%= config.bin %> content upload --assets examples/eng5 --verify-content --upload-concurrency 20"]
  static override flags = {
    assets: Flags.string({ description: "Dataset folder; its student_essays/ is uploaded.", env: "ENG5_ASSETS", required: true }),
    "student-dir": Flags.string({ description: "Student essays folder (default: <assets>/student_essays)." }),
    "output-dir": Flags.string({ description: "Output directory holding the upload cache.", env: "ENG5_OUTPUT_DIR", default: "eng5-runs" }),
    "content-service-url": contentServiceUrlFlag,
    ...essayLimitFlags,
    ...uploadFlags
  }

  async run(): Promise<UploadContentReport> {
    const { flags } = await this.parse(ContentUpload)
    const concurrency = flags["upload-concurrency"]
    const layer = Layer.mergeAll(
      this.baseLayer(flags.verbose),
      contentStoreLive({ cjServiceUrl: undefined, contentServiceUrl: flags["content-service-url"], uploadConcurrency: concurrency })
    )
    const report = await this.runProgram(
      uploadContentProgram({
        assets: flags.assets,
        outputDir: flags["output-dir"],
        concurrency,
        forceReupload: flags["force-reupload"],
        verifyContent: flags["verify-content"],
        correlationId: randomUUID(),
        limits: toEssayLimits(flags),
        ...(flags["student-dir"] === undefined ? {} : { studentDir: flags["student-dir"] })
      }),
      layer
    )
    if (!this.jsonEnabled()) this.log(renderUpload(report))
    return report
  }
}
