#!/usr/bin/env node
// Plain syntax on purpose: a Node too old to run eng5 must still parse this file to show the message.
var REQUIRED_MAJOR = 22
var major = Number(process.versions.node.split(".")[0])

if (major < REQUIRED_MAJOR) {
  process.stderr.write(
    "eng5 needs Node.js " + REQUIRED_MAJOR + " or newer, but this is Node.js " + process.version + ".\n" +
      "Install Node.js " + REQUIRED_MAJOR + " or newer from https://nodejs.org (or with a version manager: nvm install " + REQUIRED_MAJOR + "),\n" +
      "or, inside the eng5 repository, use `npx eng5`: it runs on the Node.js the repository pins.\n"
  )
  process.exitCode = 2
} else {
  import("./oclif.js")
}
