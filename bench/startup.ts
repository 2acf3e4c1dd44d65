// Start-up cost of the CLI against a bare `node -e 0`, measured in the same run.
// Usage: npm run build && npx tsx bench/startup.ts [runs]
import { fileURLToPath } from "node:url"
import { median, timeProcess } from "./lib/measure.js"

const root = fileURLToPath(new URL("..", import.meta.url))
const runs = Number(process.argv[2] ?? 15)
const node = process.execPath
const cases = {
  baseline: ["-e", "0"],
  version: ["bin/run.js", "--version"],
  planHelp: ["bin/run.js", "run", "plan", "--help"]
} as const

const samples: Record<keyof typeof cases, number[]> = { baseline: [], version: [], planHelp: [] }
for (const args of Object.values(cases)) timeProcess(node, args, root) // warm the file cache
for (let i = 0; i < runs; i++) {
  // interleaved so machine noise hits every case alike
  for (const [name, args] of Object.entries(cases) as Array<[keyof typeof cases, ReadonlyArray<string>]>) samples[name].push(timeProcess(node, args, root))
}
const base = median(samples.baseline)
console.log(`node -e 0                 median ${base.toFixed(1)} ms (${runs} runs)`)
for (const name of ["version", "planHelp"] as const) {
  const value = median(samples[name])
  const ratio = value / base
  console.log(`${name === "version" ? "eng5 --version          " : "eng5 run plan --help    "}  median ${value.toFixed(1)} ms  ratio ${ratio.toFixed(2)}×  (target ≤ 8×) ${ratio <= 8 ? "OK" : "OVER"}`)
}
