/** `eng5 --help | head` as a shell runs it: the reader stops early and eng5 still ends cleanly (issue 14, item 7). */
import { execFileSync } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { isolatedEnv } from "../support/cliProcess.js"

const BIN = fileURLToPath(new URL("../../bin/run.js", import.meta.url))

describe("help into a pager that stops early", () => {
  it.each([["--help"], ["run plan --help"]])("eng5 %s | head -1 exits 0 with nothing on stderr", (args) => {
    const script = `"${process.execPath}" "${BIN}" ${args} 2>stderr.txt | head -1 >/dev/null; code=\${PIPESTATUS[0]}; cat stderr.txt; exit $code`
    const stderr = execFileSync("bash", ["-c", script], { cwd: mkdtempSync(join(tmpdir(), "eng5-pipe-")), env: isolatedEnv(), encoding: "utf8" })
    expect(stderr).toBe("")
  })
})
