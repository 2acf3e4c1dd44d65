import { statSync } from "node:fs"
import { resolve } from "node:path"
import { Errors, type Hook } from "@oclif/core"

const INSTALL_COMMANDS = new Set(["plugins:install", "plugins:add"])
/** Written as a path (`./x`, `../x`, `/x`) or named like what `npm pack` writes. */
const looksLikeFile = (arg: string): boolean => /^\.{0,2}\//.test(arg) || /\.(tgz|tar\.gz)$/.test(arg)

type LocalPlugin = { readonly spec: string } | { readonly message: string; readonly fix: string }

const localPlugin = (arg: string, bin: string, cwd: string): LocalPlugin => {
  if (!looksLikeFile(arg)) return { spec: arg }
  const path = resolve(cwd, arg)
  const found = statSync(path, { throwIfNoEntry: false })
  if (found?.isFile() === true) return { spec: `file:${path}` }
  if (found?.isDirectory() === true)
    return {
      message: `${arg} is a folder; \`${bin} plugins install\` takes a packed plugin (a .tgz file).`,
      fix: `Pack it first (\`npm pack\` in the folder writes NAME-VERSION.tgz) and install that file, or use \`${bin} plugins link ${arg}\` while you develop it.`
    }
  return { message: `There is no file ${path}.`, fix: "Pass the path of a packed plugin: `npm pack` in the plugin's folder writes NAME-VERSION.tgz." }
}

/**
 * `eng5 plugins install ./plugin.tgz`: @oclif/plugin-plugins reads `./plugin.tgz` as a GitHub
 * slug and `plugin.tgz` as an npm package name; it hands a spec with a colon to npm as is, so a
 * local file becomes `file:<absolute path>`. A missing file or a folder is a usage error (exit 2)
 * before npm runs. Every other argument (npm names, GitHub slugs, URLs, flags) passes unchanged.
 */
export const installArguments = async (argv: ReadonlyArray<string>, bin: string, cwd: string = process.cwd()): Promise<string[]> => {
  const plugins = argv.map((arg) => (arg.startsWith("-") ? { spec: arg } : localPlugin(arg, bin, cwd)))
  const problem = plugins.find((plugin) => "message" in plugin)
  if (problem === undefined || !("message" in problem)) return plugins.map((plugin) => ("spec" in plugin ? plugin.spec : ""))
  // The plugins commands are oclif's: their failures, this one included, print in oclif's form.
  // Exit 2 is ExitCode.Usage, written out: src/errors.ts loads Effect, and this hook runs before every command.
  throw new Errors.CLIError(problem.message, { exit: 2, code: "InvalidPluginFile", suggestions: [problem.fix] })
}

const hook: Hook.Preparse = async ({ argv, config, options }) => (INSTALL_COMMANDS.has(options.context?.id ?? "") ? installArguments(argv, config.bin) : argv)

export default hook
