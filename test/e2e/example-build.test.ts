/** `npm run example` builds only when a source changed since the last build (issue 14, item 10). */
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const SCRIPT = fileURLToPath(new URL("../../scripts/build-if-stale.mjs", import.meta.url))

describe("the example's build step", () => {
  it("does nothing on a checkout built after its last change", () => {
    // npm test builds right before the suites run, so nothing is newer than the build here.
    const printed = execFileSync(process.execPath, [SCRIPT], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })
    expect(printed).toBe("")
  })
})
