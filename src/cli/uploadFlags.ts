import { Flags } from "@oclif/core"
import { integerFlag } from "./flagValues.js"

/** Flags of every command that uploads essays to the Content Service (execute, content upload). */
export const uploadFlags = {
  "upload-concurrency": integerFlag({
    description: "Uploads in flight at once.",
    default: 10,
    min: 1,
    max: 64,
    unit: "of uploads",
    example: 10,
    helpGroup: "UPLOAD"
  }),
  "force-reupload": Flags.boolean({
    description: "Upload every essay again instead of reusing the upload cache (other cache entries are kept).",
    default: false,
    helpGroup: "UPLOAD"
  }),
  "verify-content": Flags.boolean({
    description: "Ask the Content Service whether cached storage ids still exist, and upload the missing essays again.",
    default: false,
    helpGroup: "UPLOAD"
  })
}
