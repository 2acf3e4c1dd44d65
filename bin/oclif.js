import { settings } from "@oclif/core"
import { execute } from "@oclif/core/execute"

// bin/run.js runs compiled code only, so linked plugins run from their dist/ too. Without this,
// oclif warns on every command that a linked ESM plugin "cannot be auto-transpiled"; no setting
// in a plugin's package.json avoids that (only a tsx devDependency, which makes oclif run its sources).
settings.enableAutoTranspile = false

await execute({ dir: import.meta.url })
