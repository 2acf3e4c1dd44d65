// Runs `npm run build` only when a source is newer than the last complete build, so the README's
// main job starts at once on a checkout that is already built.
import { execFileSync } from "node:child_process"
import { existsSync, readdirSync, statSync } from "node:fs"
import { join, resolve } from "node:path"

const root = resolve(import.meta.dirname, "..")
const stamp = join(root, "oclif.manifest.json") // written after tsc by the build, before the plugins
const plugins = ["plugins/anchor-align", "plugins/db-extract", "examples/plugin-hello-mode"]
const sources = ["src", "package.json", "tsconfig.json", "tsconfig.build.json", ...plugins.flatMap((p) => [`${p}/src`, `${p}/package.json`])]

const newest = (path) => {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))))
}

const built = [stamp, ...plugins.map((p) => join(root, p, "dist"))].every((path) => existsSync(path)) ? statSync(stamp).mtimeMs : 0
const changed = Math.max(...sources.map((path) => newest(join(root, path))))
if (changed > built) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" })
