// Inventory throughput: `eng5 run plan` over 2,000 generated .docx essays, measured against a
// baseline build in the same run, with each process's peak RSS; then the same folder plus one
// malformed .docx, which must fail with exit 2 and name that file.
// Usage: npm run build && npx tsx bench/inventory.ts [count] [baseline dir holding bin/ and dist/]
//   e.g. git worktree add /tmp/base <commit> && (cd /tmp/base && npm ci && npm run build)
import { spawnSync } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import { generateCorpus } from "./lib/generate-corpus.js"
import { median } from "./lib/measure.js"

const root = fileURLToPath(new URL("..", import.meta.url))
const count = Number(process.argv[2] ?? 2000)
const baseline = process.argv[3]
const dir = mkdtempSync(join(tmpdir(), "eng5-bench-inventory-"))

interface Measured {
  readonly millis: number
  readonly peakRssMb: number
  readonly status: number | null
  readonly stdout: string
}

// GNU time reports the child's peak RSS (kB) on stderr as the last line.
const plan = (cwd: string, assets: string): Measured => {
  const started = performance.now()
  const result = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, "bin/run.js", "run", "plan", "--assets", assets, "--json"], { cwd, encoding: "utf8" })
  const millis = performance.now() - started
  const lastLine = result.stderr.trim().split("\n").at(-1) ?? "0"
  return { millis, peakRssMb: Number(lastLine) / 1024, status: result.status, stdout: result.stdout }
}

const summarise = (label: string, runs: ReadonlyArray<Measured>): number => {
  const failed = runs.find((r) => r.status !== 0)
  if (failed !== undefined) throw new Error(`${label}: eng5 run plan exited with ${String(failed.status)}: ${failed.stdout.slice(0, 400)}`)
  const millis = median(runs.map((r) => r.millis))
  const rate = count / (millis / 1000)
  console.log(`${label}: ${millis.toFixed(0)} ms → ${rate.toFixed(0)} essays/s, peak RSS ${Math.max(...runs.map((r) => r.peakRssMb)).toFixed(0)} MB`)
  return rate
}

try {
  await generateCorpus(dir, count, undefined, true)
  const current: Measured[] = []
  const before: Measured[] = []
  // Interleaved, so both builds see the same machine load.
  for (let i = 0; i < 3; i++) {
    if (baseline !== undefined) before.push(plan(baseline, dir))
    current.push(plan(root, dir))
  }
  console.log(`eng5 run plan --json over ${count} .docx essays (+12 anchors), median of 3 runs`)
  const now = summarise("this build", current)
  if (baseline !== undefined) console.log(`×${(now / summarise(`baseline (${baseline})`, before)).toFixed(2)} essays/s against the baseline`)

  writeFileSync(join(dir, "student_essays", "zz_malformed.docx"), "PK\u0003\u0004 not really a zip")
  const broken = plan(root, dir)
  const named = broken.stdout.includes("zz_malformed.docx")
  console.log(`with one malformed .docx: exit ${String(broken.status)}, ${named ? "names" : "does NOT name"} the file (${broken.millis.toFixed(0)} ms)`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
