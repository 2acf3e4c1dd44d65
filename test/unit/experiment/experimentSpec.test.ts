import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Config } from "@oclif/core"
import { Effect, Exit } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { closest } from "../../../src/cli/suggest.js"
import { type ExperimentModeContext, experimentModeOf } from "../../../src/cli/experimentMode.js"
import RunExecute from "../../../src/commands/run/execute.js"
import RunAnchorAlign from "../../../plugins/anchor-align/src/commands/run/anchor-align.js"
import { argvOf, parseExperiment } from "../../../src/domain/experimentSpec.js"
import { type LoadedExperiment, loadExperiment, type ModeLookup } from "../../../src/programs/experimentSpec.js"

const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url))
const EXAMPLE = join(REPO_ROOT, "examples/eng5")

let context: ExperimentModeContext
beforeAll(async () => {
  context = { config: await Config.load(REPO_ROOT), verbose: false, terminal: false, warn: () => undefined }
})

const lookup: ModeLookup = async (name) => {
  if (name === "execute") return experimentModeOf(RunExecute, name, context)
  if (name === "anchor-align") return experimentModeOf(RunAnchorAlign, name, context)
  return { problem: `mode ${name} is not a run mode eng5 knows.`, fix: "Use one of: execute, anchor-align." }
}

/** Writes the file (and a prompt beside it) into a fresh folder; returns its path. */
const experimentFile = (yaml: string): string => {
  const dir = mkdtempSync(join(tmpdir(), "eng5-experiment-spec-"))
  writeFileSync(join(dir, "prompt.md"), "Judge the language.\n")
  writeFileSync(join(dir, "empty.md"), "  \n")
  const path = join(dir, "study.yaml")
  writeFileSync(path, yaml)
  return path
}

const load = (yaml: string, sandbox = false) =>
  Effect.runPromiseExit(loadExperiment(experimentFile(yaml), lookup, { sandbox, suggest: (word, candidates) => closest(word, candidates) }))

const loaded = async (yaml: string, sandbox = false): Promise<LoadedExperiment> => {
  const exit = await load(yaml, sandbox)
  if (Exit.isFailure(exit)) throw new Error(`expected the file to load: ${String(exit.cause)}`)
  return exit.value
}

/** The InvalidExperiment the file fails with: its message and the problems, each "where: problem". */
const problemsOf = async (yaml: string): Promise<{ readonly message: string; readonly exitCode: number; readonly problems: ReadonlyArray<string> }> => {
  const exit = await load(yaml)
  if (Exit.isSuccess(exit)) throw new Error("expected the file to be refused")
  const failure = exit.cause.reasons.find((reason) => reason._tag === "Fail")
  const error = failure?._tag === "Fail" ? (failure.error as { message: string; exitCode: number; problems: ReadonlyArray<{ where: string; problem: string; fix: string }> }) : undefined
  if (error === undefined) throw new Error(`expected a failure, got ${String(exit.cause)}`)
  return { message: error.message, exitCode: error.exitCode, problems: error.problems.map((p) => `${p.where}: ${p.problem} → ${p.fix}`) }
}

const GOOD = `
assets: ${EXAMPLE}
repeats: 2
max-comparisons: 24
variants:
  - name: baseline
  - name: language
    system-prompt: prompt.md
matrix:
  llm-temperature: [0, 0.3]
`

describe("an experiment file", () => {
  it("crosses every variant with the matrix values: cells named by variant and values, settings merged, paths from the file's folder", async () => {
    const experiment = await loaded(GOOD)
    expect(experiment.spec).toMatchObject({ name: "study", mode: "execute", repeats: 2, sandbox: false })
    expect(experiment.cells.map((c) => c.name)).toEqual(["baseline [llm-temperature=0]", "baseline [llm-temperature=0.3]", "language [llm-temperature=0]", "language [llm-temperature=0.3]"])
    const language = experiment.cells[3]
    expect(language?.settings).toEqual({ assets: EXAMPLE, "max-comparisons": 24, "system-prompt": join(experiment.file, "..", "prompt.md"), "llm-temperature": 0.3 })
    expect(language?.parsed.runOptions()).toMatchObject({ maxComparisons: 24, llmTemperature: 0.3, systemPromptFile: join(experiment.file, "..", "prompt.md"), outputDir: "eng5-runs" })
    expect(language?.slug).toBe("language_llm-temperature-0.3")
  })

  it("gives the same flags the command line would: 0 stays 0, defaults and types as oclif parses them", async () => {
    const experiment = await loaded(GOOD)
    expect(experiment.cells[0]?.parsed.runOptions().llmTemperature).toBe(0)
    expect(experiment.cells[0]?.parsed.seed).toBe(1)
    expect(argvOf({ assets: "/x", sandbox: true, kafka: false, "post-run": ["a", "b"] }, experiment.mode.catalogue)).toEqual(["--assets=/x", "--sandbox", "--no-kafka", "--post-run=a", "--post-run=b"])
  })

  it("rehearses with --sandbox, as sandbox: true in the file does", async () => {
    expect((await loaded(GOOD, true)).spec.sandbox).toBe(true)
    expect((await loaded(`sandbox: true\n${GOOD}`)).cells[0]?.settings["sandbox"]).toBe(true)
  })

  it("reports every problem at once, exit 2: names, values, the run rules, reserved flags, clashes", async () => {
    const { problems, exitCode, message } = await problemsOf(`
assets: ${EXAMPLE}
repeats: 0
llm-modle: claude-sonnet-4-5-20250929
batch-uuid: 3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f
variants:
  - name: baseline
    max-comparisons: abc
  - name: baseline
  - name: hot
    llm-temperature: 7
    system-prompt: missing.md
    rubric: empty.md
  - name: loud
    sandbox: true
  - nme: nameless
matrix:
  llm-temperature: [0, 1]
`)
    expect(exitCode).toBe(2)
    expect(message).toContain("Nothing was run")
    const joined = problems.join("\n")
    expect(joined).toContain("repeats: repeats 0 is not a whole number from 1 to 50")
    expect(joined).toMatch(/llm-modle: llm-modle is not a flag of this experiment's mode\. → Did you mean llm-model\?/)
    expect(joined).toContain("batch-uuid: batch-uuid cannot be set in an experiment file")
    expect(joined).toContain('variants[2] "baseline": Two variants are named baseline.')
    expect(joined).toContain('variants[4] "loud".sandbox: sandbox cannot be set in an experiment file')
    expect(joined).toContain("variants[5]: The variant's name null is missing")
    expect(joined).toContain("llm-temperature is both a matrix axis and set in variant hot")
    expect(problems).toHaveLength(7)
  })

  it("checks each cell's values with the run flags' own parser and rules, every failing flag of a cell", async () => {
    const { problems } = await problemsOf(`
assets: ${EXAMPLE}
variants:
  - name: baseline
    max-comparisons: abc
  - name: hot
    llm-temperature: 7
    system-prompt: missing.md
    rubric: empty.md
  - name: wrong-model
    llm-model: gpt-17
`)
    const joined = problems.join("\n")
    expect(joined).toMatch(/cell baseline: .*max-comparisons.*abc/iu)
    expect(joined).toContain("cell hot: --llm-temperature 7 is outside 0–2.")
    expect(joined).toMatch(/cell hot: --system-prompt file \S+missing\.md cannot be read\./u)
    expect(joined).toMatch(/cell hot: --rubric file \S+empty\.md is empty\./u)
    expect(joined).toContain('cell wrong-model: --llm-model "gpt-17" is not in the model manifest')
    expect(problems).toHaveLength(5)
  })

  it("applies the mode's own refusals: anchor-align takes no assignment", async () => {
    const { problems } = await problemsOf(`mode: anchor-align\nassets: ${EXAMPLE}\nassignment-id: 3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f\nvariants:\n  - name: a\n`)
    expect(problems).toEqual([expect.stringContaining("cell a: anchor-align runs in CJ's GUEST flow, without an assignment")])
  })

  it("names an unknown mode, a missing dataset, and a YAML syntax error with its line", async () => {
    expect((await problemsOf(`mode: nope\nvariants:\n  - name: a\n`)).problems).toEqual([expect.stringContaining("mode: mode nope is not a run mode eng5 knows.")])
    expect((await problemsOf(`variants:\n  - name: a\n`)).problems.join("\n")).toMatch(/cell a: .*Missing required flag --assets/u)
    expect((await problemsOf(`assets: x\nvariants:\n  - name: [a\n`)).problems[0]).toMatch(/^line \d+: Not valid YAML/u)
    expect((await problemsOf(`assets: x\n`)).problems).toEqual([expect.stringContaining("variants: The file has no variants.")])
    expect((await problemsOf(`- a\n- b\n`)).problems).toEqual([expect.stringContaining("The file is not a mapping")])
  })

  it("refuses a value of the wrong shape before any parser sees it", () => {
    const catalogue = { assets: { type: "option", multiple: false, allowNo: false }, sandbox: { type: "boolean", multiple: false, allowNo: false }, "post-run": { type: "option", multiple: true, allowNo: false } } as const
    const parsed = parseExperiment({ assets: ["a", "b"], "post-run": [{ x: 1 }], variants: [{ name: "a", assets: null }] }, { catalogue, baseDir: "/", fileStem: "s", suggest: () => undefined })
    expect(parsed.spec).toBeNull()
    expect(parsed.problems.map((p) => p.problem)).toEqual(["assets takes one value, not a list.", 'post-run lists {"x":1}, which is not a text or a number.', "assets has no value."])
  })
})
