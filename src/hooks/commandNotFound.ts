import { type Hook, toConfiguredId } from "@oclif/core"
import { ExitCode } from "../errors.js"
import { failureJson, formatFailure } from "../cli/renderFailure.js"
import { closest } from "../cli/suggest.js"

/**
 * `eng5 run exeucte`: says so, suggests the closest command (on a terminal or not: nothing is
 * asked) and exits 2 like every other usage error. With --json, the documented error object.
 */
const hook: Hook.CommandNotFound = async function ({ argv, config, id }) {
  const visible = config.commands.filter((command) => command.hidden !== true).flatMap((command) => [command.id, ...command.aliases])
  const typed = toConfiguredId(id, config)
  const meant = closest(id, visible)
  const topic = config.findTopic(id.split(":")[0] ?? "")
  const help = `${config.bin} ${topic === undefined ? "" : `${topic.name} `}--help`
  const failure = {
    tag: "UnknownCommand",
    message: `${config.bin} has no command "${typed}".`,
    fix: `${meant === undefined ? "" : `Did you mean \`${config.bin} ${toConfiguredId(meant, config)}\`? `}Run \`${help}\` for the commands.`,
    exitCode: ExitCode.Usage
  }
  if ((argv ?? []).includes("--json")) process.stdout.write(`${JSON.stringify({ error: failureJson(failure) })}\n`)
  else process.stderr.write(`${formatFailure(failure)}\n`)
  process.exitCode = failure.exitCode
}

export default hook
