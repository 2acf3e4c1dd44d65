import { readFileSync } from "node:fs"
import { join } from "node:path"
import { parseEnv } from "node:util"

/** Reads `.env` from the working directory; variables already set in the environment win. */
export const loadDotEnv = (cwd: string, env: NodeJS.ProcessEnv): void => {
  let text: string
  try {
    text = readFileSync(join(cwd, ".env"), "utf8")
  } catch {
    return
  }
  for (const [key, value] of Object.entries(parseEnv(text))) {
    if (env[key] === undefined && value !== undefined) env[key] = value
  }
}
