// Wall time of the README's main job: the example dataset through `eng5 run execute --sandbox`,
// against `eng5 run plan` on the same data in the same run (target: the sandbox run under 10 s).
// Usage: npm run build && npx tsx bench/sandbox.ts [runs]
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { median, timeProcess } from "./lib/measure.js"

const root = fileURLToPath(new URL("..", import.meta.url))
const runs = Number(process.argv[2] ?? 3)
const out = mkdtempSync(join(tmpdir(), "eng5-bench-sandbox-"))
try {
  const plan: number[] = []
  const sandbox: number[] = []
  for (let i = 0; i < runs; i++) {
    plan.push(timeProcess(process.execPath, ["bin/run.js", "run", "plan", "--assets", "examples/eng5", "--json"], root))
    sandbox.push(
      timeProcess(process.execPath, ["bin/run.js", "run", "execute", "--sandbox", "--assets", "examples/eng5", "--await-completion", "--output-dir", out, "--json"], root)
    )
  }
  const s = median(sandbox) / 1000
  console.log(`eng5 run plan (examples/eng5):                       median ${(median(plan) / 1000).toFixed(2)} s`)
  console.log(`eng5 run execute --sandbox --await-completion:       median ${s.toFixed(2)} s  (${(median(sandbox) / median(plan)).toFixed(1)}× plan; target < 10 s) ${s < 10 ? "OK" : "OVER"}`)
} finally {
  rmSync(out, { recursive: true, force: true })
}
