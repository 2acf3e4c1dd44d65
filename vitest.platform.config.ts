import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

/**
 * The acceptance suite: the built CLI against the platform's own services (`npm run test:platform`).
 * One stack serves every file, so files run one after another.
 */
export default defineConfig({
  resolve: {
    alias: { "eng5/sdk": fileURLToPath(new URL("./src/sdk/index.ts", import.meta.url)) }
  },
  test: {
    include: ["test/platform/**/*.test.ts"],
    globalSetup: ["test/platform/support/globalSetup.ts"],
    fileParallelism: false,
    testTimeout: 8 * 60_000,
    hookTimeout: 15 * 60_000,
    pool: "forks"
  }
})
