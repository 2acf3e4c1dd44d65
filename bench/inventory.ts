// Inventory throughput: `eng5 run plan` over 2,000 generated essays (half .docx, half .txt).
// Usage: npm run build && npx tsx bench/inventory.ts [count]
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"
import { GRADE_SCALES } from "../src/domain/gradeScales.js"
import { collectInventory } from "../src/inventory/collectInventory.js"
import { generateCorpus } from "./lib/generate-corpus.js"
import { median, timeProcess } from "./lib/measure.js"

const root = fileURLToPath(new URL("..", import.meta.url))
const count = Number(process.argv[2] ?? 2000)
const dir = mkdtempSync(join(tmpdir(), "eng5-bench-inventory-"))
try {
  await generateCorpus(dir, count)
  const scale = GRADE_SCALES.eng5_np_legacy_9_step
  if (scale === undefined) throw new Error("legacy scale missing")
  const inProcess: number[] = []
  for (let i = 0; i < 3; i++) {
    const started = performance.now()
    const inventory = await Effect.runPromise(collectInventory({ assetsDir: dir, gradeScale: scale }))
    inProcess.push(performance.now() - started)
    if (inventory.students.length !== count) throw new Error(`expected ${count} students, got ${inventory.students.length}`)
  }
  const cli = [0, 1, 2].map(() => timeProcess(process.execPath, ["bin/run.js", "run", "plan", "--assets", dir, "--json"], root))
  const rate = (ms: number) => (count / (ms / 1000)).toFixed(0)
  console.log(`${count} essays (${count / 2} .docx, ${count / 2} .txt), median of 3 runs`)
  console.log(`collectInventory in process: ${median(inProcess).toFixed(0)} ms → ${rate(median(inProcess))} essays/s`)
  console.log(`eng5 run plan --json (whole CLI): ${median(cli).toFixed(0)} ms → ${rate(median(cli))} essays/s (target ≥ 500)`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
