// Builds the workspace plugins and the third-party example after the core (they compile
// against eng5's built SDK types, `eng5/sdk` → dist/sdk), and writes each plugin's oclif manifest.
import { execFileSync } from "node:child_process"
import { existsSync, rmSync } from "node:fs"
import { join, resolve } from "node:path"

const root = resolve(import.meta.dirname, "..")
const bin = (name) => join(root, "node_modules", ".bin", name)
const packages = ["plugins/anchor-align", "plugins/db-extract", "examples/plugin-hello-mode"]

for (const relative of packages) {
  const dir = join(root, relative)
  if (!existsSync(join(dir, "tsconfig.build.json"))) continue
  rmSync(join(dir, "dist"), { recursive: true, force: true })
  execFileSync(bin("tsc"), ["-p", "tsconfig.build.json"], { cwd: dir, stdio: "inherit" })
  if (relative.startsWith("plugins/")) execFileSync(process.execPath, [bin("oclif"), "manifest"], { cwd: dir, stdio: "inherit" })
}
