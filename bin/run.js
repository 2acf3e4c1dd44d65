#!/usr/bin/env node
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs"
import Module, { createRequire, enableCompileCache } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { PerformanceObserver } from "node:perf_hooks"
import v8 from "node:v8"
import vm from "node:vm"
import zlib from "node:zlib"

// Keeps a long run's memory flat and its garbage collection cheap (docs/architecture.md,
// "Memory"). V8's young generation may grow to 8 MB (a semi-space's size) and no further: past
// that it would grow to 32 MB under a fast stream of callbacks, while much smaller it would
// promote short-lived objects and collect far more often. V8 reads the growth factor whenever it
// grows the young generation, so it is set to 1 (no growth) once that size is reached. Worker
// threads (the Kafka consumer) start at that size, since V8 reads the minimum when a thread's
// heap is made. The file-system thread pool (started lazily, so this still applies) keeps to
// two threads.
const YOUNG_GENERATION_MB = 8
v8.setFlagsFromString(`--min-semi-space-size=${YOUNG_GENERATION_MB}`)
const youngGenerationWatch = new PerformanceObserver(() => {
  const newSpace = v8.getHeapSpaceStatistics().find((space) => space.space_name === "new_space")
  if ((newSpace?.space_size ?? 0) < YOUNG_GENERATION_MB * 1024 * 1024) return
  v8.setFlagsFromString("--semi-space-growth-factor=1")
  youngGenerationWatch.disconnect()
})
youngGenerationWatch.observe({ entryTypes: ["gc"] })
process.env.UV_THREADPOOL_SIZE ??= "2"

// Reuses V8's compiled code across runs (kept in the OS temp dir): most of start-up is module compilation.
enableCompileCache?.()

// The bundle's import()s (commands, hooks, tsx: all absolute file URLs) are made from here: in a
// node:vm script they would need --experimental-vm-modules.
const importer = (specifier) => import(specifier)

/**
 * Evaluates dist/oclif-core.cjs as Node would a CommonJS file, but with its own V8 code cache in
 * Node's compile-cache directory, written after the run instead of right after compilation: it
 * then holds every function the run compiled, not just the bundle's top level, so later runs
 * skip compiling them. V8 checks the cache against its version and flags (and rejects a stale
 * one, which is then rewritten); the file name carries the bundle's CRC-32 and length.
 */
const evaluateBundle = (file) => {
  const source = readFileSync(file, "utf8")
  const cacheDir = Module.getCompileCacheDir?.()
  const cacheFile = cacheDir && zlib.crc32 ? join(cacheDir, `eng5-oclif-core-${zlib.crc32(source).toString(16)}-${source.length}.v8`) : undefined
  let cachedData
  try {
    if (cacheFile && existsSync(cacheFile)) cachedData = readFileSync(cacheFile)
  } catch {
    // unreadable cache: compile from source
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __eng5Import) { ${source}\n})`, { filename: file, cachedData })
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    process.once("exit", () => {
      try {
        const temporary = `${cacheFile}.${process.pid}`
        writeFileSync(temporary, script.createCachedData())
        renameSync(temporary, cacheFile)
      } catch {
        // read-only or full temp dir: the next run compiles from source again
      }
    })
  }
  const module = { exports: {} }
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file), importer)
  return module.exports
}

/**
 * Serves @oclif/core from dist/oclif-core.cjs (scripts/bundle-oclif-core.mjs): one file instead of
 * ~170 small CommonJS modules to resolve, read and compile. Each module other packages can import
 * (the core's exports map) is put in require.cache under the installed file's own path, so
 * eng5, every plugin and bin/run.js itself share the one copy of the core, as they would without
 * the bundle; a module is evaluated when first required. Skipped, leaving Node to load the
 * installed files, when the bundle is missing, was built from another @oclif/core version, or
 * ENG5_UNBUNDLED_CORE is set.
 */
const registerBundledCore = () => {
  const bundleFile = fileURLToPath(new URL("../dist/oclif-core.cjs", import.meta.url))
  if (process.env.ENG5_UNBUNDLED_CORE || !existsSync(bundleFile)) return
  const require = createRequire(import.meta.url)
  const coreRoot = dirname(require.resolve("@oclif/core/package.json"))
  const bundle = evaluateBundle(bundleFile)
  if (JSON.parse(readFileSync(join(coreRoot, "package.json"), "utf8")).version !== bundle.version) return
  const files = Object.keys(bundle.modules).map((file) => [file, join(coreRoot, file)])
  if (files.some(([, filename]) => require.cache[filename] || !existsSync(filename))) return
  bundle.setRoot(coreRoot)
  for (const [file, filename] of files) {
    const module = new Module(filename)
    module.filename = filename
    module.paths = Module._nodeModulePaths?.(dirname(filename)) ?? []
    module.loaded = true
    Object.defineProperty(module, "exports", {
      configurable: true,
      enumerable: true,
      get() {
        const value = bundle.modules[file]
        Object.defineProperty(module, "exports", { configurable: true, enumerable: true, writable: true, value })
        return value
      }
    })
    require.cache[filename] = module
  }
}
registerBundledCore()

const { execute } = await import("@oclif/core/execute")
await execute({ dir: import.meta.url })
