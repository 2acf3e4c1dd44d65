import { mkdir, readFile } from "node:fs/promises"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import type { Hook } from "@oclif/core"
import { writeJsonAtomic } from "../runFolder/atomicWrite.js"

/** The packages a plugin declares as peers and must share with the eng5 that runs it. */
const hostPeers = (eng5Root: string): Record<string, string> => ({
  eng5: `file:${eng5Root}`,
  effect: `file:${dirname(fileURLToPath(import.meta.resolve("effect/package.json")))}`
})

/**
 * Before `eng5 plugins install` runs npm in eng5's data dir: that folder's package.json depends
 * on this eng5 and its Effect as `file:` links. npm then links both into the data dir's
 * node_modules, so a plugin's peer dependencies (`eng5`, `effect`) are met by the installed eng5
 * (one SDK, one Effect runtime) instead of being fetched from the registry, where npm would
 * otherwise look for them. Re-pointed on every install, so a moved or upgraded eng5 is picked up.
 */
const hook: Hook.PluginsPreinstall = async ({ config }) => {
  const path = join(config.dataDir, "package.json")
  const text = await readFile(path, "utf8").catch(() => undefined)
  // Created as @oclif/plugin-plugins would create it; it reads `oclif.plugins` without a fallback.
  const pjson: Record<string, unknown> = text === undefined ? { name: config.name, private: true, oclif: { plugins: [], schema: 1 } } : (JSON.parse(text) as Record<string, unknown>)
  const dependencies = typeof pjson.dependencies === "object" && pjson.dependencies !== null ? pjson.dependencies : {}
  await mkdir(config.dataDir, { recursive: true })
  await writeJsonAtomic(path, { ...pjson, dependencies: { ...dependencies, ...hostPeers(config.root) } })
}

export default hook
