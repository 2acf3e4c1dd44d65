#!/usr/bin/env node
import { enableCompileCache } from "node:module"

// Reuses V8's compiled code across runs (kept in the OS temp dir): most of start-up is module compilation.
enableCompileCache?.()

const { execute } = await import("@oclif/core/execute")
await execute({ dir: import.meta.url })
