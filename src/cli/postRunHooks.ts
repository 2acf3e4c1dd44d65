import type { Config, Hook, Interfaces } from "@oclif/core"
import { Effect, Layer } from "effect"
import { InvalidFlag } from "../errors.js"
import { type HookFlags, type PostRunHook, PostRunHooks } from "../services/PostRunHooks.js"
import { type PostRunFlagValues, requestedHooks } from "./postRunFlags.js"

/** The oclif event through which plugins offer post-run hooks. */
export const POST_RUN_HOOKS_EVENT = "eng5:post-run-hooks"

/** What the host sends with the event. */
export type PostRunHooksEventOptions = {
  readonly flags: HookFlags
  readonly env: Readonly<Record<string, string | undefined>>
}

/** eng5's own oclif hook events, with their payload and what each plugin answers. */
export type Eng5Hooks = Interfaces.Hooks & {
  [POST_RUN_HOOKS_EVENT]: { options: PostRunHooksEventOptions; return: ReadonlyArray<PostRunHook> }
}

/**
 * The type of a plugin's handler for one of eng5's events, e.g.
 * `const hook: Eng5Hook<"eng5:post-run-hooks"> = async () => [myHook]`.
 */
export type Eng5Hook<T extends keyof Eng5Hooks> = Hook<T, Eng5Hooks>

export interface DiscoveredHooks {
  readonly hooks: ReadonlyArray<PostRunHook & { readonly plugin: string }>
  /** Plugins whose handler threw or answered something else than hooks: reported, never fatal. */
  readonly problems: ReadonlyArray<string>
}

const isHook = (value: unknown): value is PostRunHook =>
  typeof value === "object" &&
  value !== null &&
  "name" in value &&
  typeof value.name === "string" &&
  value.name.trim() !== "" &&
  "run" in value &&
  typeof value.run === "function"

/** Asks every installed plugin for its post-run hooks; a plugin's failure is a problem line, not a crash. */
export const discoverPostRunHooks = async (config: Config, options: PostRunHooksEventOptions, timeoutMs = 10_000): Promise<DiscoveredHooks> => {
  const result = await config.runHook(POST_RUN_HOOKS_EVENT, { ...options }, timeoutMs, true)
  const problems = result.failures.map((f) => `plugin ${f.plugin.name} could not list its post-run hooks: ${f.error.message}`)
  const hooks: Array<PostRunHook & { readonly plugin: string }> = []
  for (const success of result.successes) {
    const offered: unknown = success.result
    if (offered === undefined) continue
    if (!Array.isArray(offered)) {
      problems.push(`plugin ${success.plugin.name} answered ${POST_RUN_HOOKS_EVENT} with something else than a list of hooks`)
      continue
    }
    for (const hook of offered) {
      if (isHook(hook)) hooks.push({ ...hook, plugin: success.plugin.name })
      else problems.push(`plugin ${success.plugin.name} offered a post-run hook without a name and a run function`)
    }
  }
  return { hooks, problems }
}

/** The hooks named by the flags, in the order given; an unknown name fails (exit 2) before anything happens. */
export const selectPostRunHooks = (available: ReadonlyArray<PostRunHook & { readonly plugin?: string }>, names: ReadonlyArray<string>) => {
  const byName = new Map<string, PostRunHook>()
  for (const hook of available) if (!byName.has(hook.name)) byName.set(hook.name, hook)
  const unknown = names.filter((name) => !byName.has(name))
  if (unknown.length > 0) {
    const known = [...byName.values()].map((hook) => `${hook.name}${hook.description === undefined ? "" : ` (${hook.description})`}`)
    return Effect.fail(
      new InvalidFlag({
        flag: "--post-run",
        message: `No post-run hook named ${unknown.join(", ")}. Installed hooks: ${known.length === 0 ? "none" : known.join("; ")}.`,
        fix: "Pass --post-run with one of the installed hooks, or install the plugin that provides it (`eng5 plugins install <package>`)."
      })
    )
  }
  return Effect.succeed(names.flatMap((name) => byName.get(name) ?? []))
}

/**
 * The PostRunHooks layer for a command: the hooks its flags name (plus `always`, e.g. a mode's
 * own report), found through the plugins. Unknown names fail when the layer is built, before
 * the program starts, so nothing is uploaded or published.
 */
export const postRunHooksFor = async (
  config: Config,
  flags: PostRunFlagValues & HookFlags,
  env: Readonly<Record<string, string | undefined>>,
  warn: (line: string) => void,
  always: ReadonlyArray<PostRunHook> = []
) => {
  const names = requestedHooks(flags)
  const options = { timeoutMs: flags["post-run-timeout"] * 1000, flags, env }
  if (names.length === 0) return PostRunHooks.layer(always, options)
  const discovered = await discoverPostRunHooks(config, { flags, env })
  for (const problem of discovered.problems) warn(`warning: ${problem}`)
  return Layer.effect(
    PostRunHooks,
    Effect.map(selectPostRunHooks([...always, ...discovered.hooks], names), (selected) =>
      PostRunHooks.of({ hooks: [...always, ...selected.filter((hook) => !always.includes(hook))], ...options })
    )
  )
}
