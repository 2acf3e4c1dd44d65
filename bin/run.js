#!/usr/bin/env node
// Plain syntax on purpose: a Node too old to run eng5 must still parse this file.
var REQUIRED_MAJOR = 22
var major = Number(process.versions.node.split(".")[0])

if (major >= REQUIRED_MAJOR) {
  import("./oclif.js")
} else {
  // In a checkout the repository pins a Node runtime (the `node` dev dependency): an `eng5` put on
  // PATH with `npm link` runs on it even where the system Node is older.
  Promise.all([import("node:child_process"), import("node:fs"), import("node:url")]).then(function (modules) {
    var pinned = modules[2].fileURLToPath(new URL("../node_modules/node/bin/node", import.meta.url))
    if (!modules[1].existsSync(pinned)) {
      process.stderr.write(
        "eng5 needs Node.js " + REQUIRED_MAJOR + " or newer, but this is Node.js " + process.version + ".\n" +
          "Install Node.js " + REQUIRED_MAJOR + " or newer from https://nodejs.org (or with a version manager: nvm install " + REQUIRED_MAJOR + "),\n" +
          "or run `npm ci` in the eng5 repository: eng5 then runs on the Node.js the repository pins.\n"
      )
      process.exitCode = 2
      return
    }
    // Ctrl-C reaches both processes; eng5 itself decides how to end, and this one reports that.
    process.on("SIGINT", function () {})
    var launcher = modules[2].fileURLToPath(import.meta.url)
    var child = modules[0].spawnSync(pinned, [launcher].concat(process.argv.slice(2)), { stdio: "inherit" })
    process.exitCode = child.status !== null ? child.status : child.signal === "SIGINT" ? 130 : 1
  })
}
