import { Flags } from "@oclif/core"
import { InvalidFlag } from "../errors.js"
import { numberFlag } from "./flagValues.js"
import { DEFAULT_POST_RUN_TIMEOUT_MS } from "../services/PostRunHooks.js"

/** The hook `--auto-extract-eng5-db` stands for (the old runner's flag, spec §3.7). */
export const DB_EXTRACT_HOOK = "db-extract"
const MAX_TIMEOUT_SECONDS = 24 * 3600

/**
 * Post-run flags of every command that follows a batch (execute, attach, plugin modes).
 * Plugins cannot add flags to a host command, so the host declares the ones its bundled
 * hooks need (`--cj-database-url`); a third-party hook reads its settings from the environment.
 */
export const postRunFlags = {
  "post-run": Flags.string({
    description: "Run this post-run hook once CJ has completed the batch (repeatable). `eng5 run execute --post-run nope` lists the installed hooks.",
    multiple: true,
    helpGroup: "POST-RUN"
  }),
  "auto-extract-eng5-db": Flags.boolean({ description: `Alias of --post-run ${DB_EXTRACT_HOOK}.`, default: false, helpGroup: "POST-RUN" }),
  "post-run-timeout": numberFlag({
    description: "Seconds each post-run hook may take; a hook still running then is stopped and recorded as failed.",
    default: DEFAULT_POST_RUN_TIMEOUT_MS / 1000,
    min: 0,
    exclusiveMin: true,
    max: MAX_TIMEOUT_SECONDS,
    unit: "of seconds",
    example: 600,
    helpGroup: "POST-RUN"
  }),
  "cj-database-url": Flags.string({
    description: "postgres:// URL of the CJ database for the db-extract hook (default: HULEEDU_DB_HOST, HULEEDU_CJ_DB_PORT/HULEEDU_DB_PORT, HULEEDU_DB_USER, HULEEDU_DB_PASSWORD).",
    helpGroup: "POST-RUN"
  })
}

export interface PostRunFlagValues {
  readonly "post-run"?: ReadonlyArray<string> | undefined
  readonly "auto-extract-eng5-db": boolean
  readonly "post-run-timeout": number
}

/** The hook names asked for, in order, each once; the alias adds db-extract. */
export const requestedHooks = (flags: PostRunFlagValues): ReadonlyArray<string> => {
  const names = [...(flags["post-run"] ?? []).map((name) => name.trim()), ...(flags["auto-extract-eng5-db"] ? [DB_EXTRACT_HOOK] : [])]
  return [...new Set(names.filter((name) => name !== ""))]
}

/**
 * db-extract would read whatever CJ database the environment names, which a sandbox batch never
 * reached: refused before anything runs, unless --cj-database-url names the database on purpose.
 */
export const checkSandboxHooks = (flags: PostRunFlagValues & { readonly sandbox: boolean; readonly "cj-database-url"?: string | undefined }): void => {
  if (!flags.sandbox || !requestedHooks(flags).includes(DB_EXTRACT_HOOK) || flags["cj-database-url"] !== undefined) return
  throw new InvalidFlag({
    flag: "--post-run",
    message: `--post-run ${DB_EXTRACT_HOOK} reads the CJ database over PostgreSQL, and a --sandbox batch never reaches a real CJ: it would read some other database.`,
    fix: `Drop --post-run ${DB_EXTRACT_HOOK} (and --auto-extract-eng5-db) from the --sandbox run, or name the database to read with --cj-database-url.`
  })
}
