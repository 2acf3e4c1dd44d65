import { type Command, type Config, Parser } from "@oclif/core"
import { dirname } from "node:path"
import { Effect } from "effect"
import { argvOf, type FlagCatalogue, type FlagSettings } from "../domain/experimentSpec.js"
import { isEng5Failure } from "../errors.js"
import { attachProgram } from "../programs/attach.js"
import type { ExperimentMode, ModeLookup } from "../programs/experimentSpec.js"
import { FlagValueRejected } from "./flagValues.js"
import { checkSandboxHooks } from "./postRunFlags.js"
import type { ModeFlags, ModeProgram } from "./modeSetup.js"
import { setUpModeRun } from "./modeSetup.js"
import { toRunOptions } from "./runFlags.js"
import { usageFailureOf } from "./usageFailure.js"

type ParsedFlags = ModeFlags & Readonly<Record<string, unknown>>
type ModeClass = Pick<Command.Class, "flags" | "baseFlags"> & { readonly modeProgram?: ModeProgram | undefined }

export interface ExperimentModeContext {
  readonly config: Config
  readonly verbose: boolean
  readonly terminal: boolean
  readonly warn: (line: string) => void
}

const catalogueOf = (flags: Command.Class["flags"]): FlagCatalogue =>
  Object.fromEntries(Object.entries(flags).map(([name, flag]) => [name, { type: flag.type, multiple: "multiple" in flag && flag.multiple === true, allowNo: flag.type === "boolean" && flag.allowNo }]))

const problemOf = (error: unknown, commandLine: string, flags: ReadonlyArray<string>) => {
  if (isEng5Failure(error)) return { problem: error.message, fix: error.fix }
  const usage = usageFailureOf(error, { commandLine, flags })
  // oclif's own wording, on one line and without its pointer to --help.
  const message = (usage?.message ?? (error instanceof Error ? error.message : String(error))).replace(/\s*See more help with --help\s*$/u, "").replace(/\s*\n\s*/gu, " ")
  return { problem: message, fix: error instanceof FlagValueRejected ? error.fix : "Give the flag a value `eng5 run <mode> --help` accepts." }
}

/**
 * The mode named in an experiment file, as its `eng5 run <mode>` command defines it: its
 * flags, parsed by oclif exactly as on the command line (env fallbacks, defaults, types), and
 * its `modeProgram` for each batch.
 */
export const modeLookup = (context: ExperimentModeContext): ModeLookup => async (name) => {
  const runModes = context.config.commands.filter((c) => c.id.startsWith("run:") && !["run:plan", "run:dry-run", "run:attach"].includes(c.id)).map((c) => c.id.slice(4))
  const loadable = context.config.findCommand(`run:${name}`)
  if (loadable === undefined) return { problem: `mode ${name} is not a run mode eng5 knows.`, fix: `Use one of: ${runModes.join(", ")} (plugins add more: \`eng5 plugins\`).` }
  return experimentModeOf(await loadable.load(), name, context)
}

/** A mode command class as experiments use it, or why it cannot be used. */
export const experimentModeOf = (cls: ModeClass, name: string, context: ExperimentModeContext): ExperimentMode | { readonly problem: string; readonly fix: string } => {
  const declared = cls.modeProgram
  if (declared === undefined) return { problem: `mode ${name} does not say how experiments run it (its command has no static modeProgram).`, fix: "Ask the plugin's author to declare modeProgram (docs/plugins.md), or run its batches with `eng5 run` one by one." }
  const flagInput = { ...cls.baseFlags, ...cls.flags }
  const catalogue = catalogueOf(flagInput)
  const commandLine = `eng5 run ${name}`
  const flagNames = Object.keys(flagInput).map((flag) => `--${flag}`)
  const program: ModeProgram = declared
  const extra = { verbose: context.verbose }

  const parseAll = async (settings: FlagSettings): Promise<ParsedFlags> => {
    const parsed = await Parser.parse([...argvOf(settings, catalogue)], { flags: flagInput, strict: true })
    // The mode's command extends ModeCommand, so its parsed flags hold every mode flag.
    return { ...(parsed.flags as ParsedFlags), ...extra }
  }

  const parseCell: ExperimentMode["parseCell"] = async (settings) => {
    const problems: Array<{ problem: string; fix: string }> = []
    for (const [flag, value] of Object.entries(settings)) {
      const definition = flagInput[flag]
      if (definition === undefined) continue
      await Parser.parse([...argvOf({ [flag]: value }, catalogue)], { flags: { [flag]: definition }, strict: true }).catch((error: unknown) => problems.push(problemOf(error, commandLine, flagNames)))
    }
    if (problems.length > 0) return problems
    let flags: ParsedFlags
    try {
      flags = await parseAll(settings)
      checkSandboxHooks(flags)
    } catch (error) {
      return [problemOf(error, commandLine, flagNames)]
    }
    const refused = program.check?.(toRunOptions(flags))
    if (refused !== undefined) return [problemOf(refused, commandLine, flagNames)]
    return {
      seed: flags.seed,
      runOptions: (without = new Set()) => toRunOptions({ ...flags, ...Object.fromEntries([...without].map((flag) => [flag, undefined])) })
    }
  }

  const setUp = async (settings: FlagSettings, base: Parameters<ExperimentMode["cellLayer"]>[1]) => {
    const flags = await parseAll(settings)
    return { flags, ...(await setUpModeRun(flags, program.setup ?? {}, { base, config: context.config, warn: context.warn, terminal: context.terminal })) }
  }

  return {
    name,
    catalogue,
    guest: program.setup?.guest === true,
    preflight: program.preflight ?? "execute",
    shape: program.shape ?? ((prepared) => prepared),
    parseCell,
    cellLayer: async (settings, base) => (await setUp(settings, base)).layer,
    batch: async (settings, identity, base, build) => {
      const batchSettings = { ...settings, seed: identity.seed, "batch-uuid": identity.batchUuid, "batch-id": identity.label, "output-dir": identity.outputDir, "await-completion": true }
      const setup = await setUp(batchSettings, base)
      return program.program(setup.execute, build, setup.flags).pipe(Effect.provide(setup.layer))
    },
    attach: async (settings, runFolder, base) => {
      const setup = await setUp({ ...settings, "await-completion": true }, base)
      return attachProgram({ target: runFolder, outputDir: dirname(runFolder), follow: setup.execute.follow }).pipe(Effect.provide(setup.layer))
    }
  }
}
