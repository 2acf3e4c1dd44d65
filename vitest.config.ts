import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

export default defineConfig({
  resolve: {
    // Plugin sources import the SDK by its package name; tests run them against the sources, not dist/.
    alias: { "eng5/sdk": fileURLToPath(new URL("./src/sdk/index.ts", import.meta.url)) }
  },
  test: {
    include: ["test/**/*.test.ts", "plugins/*/test/**/*.test.ts"],
    // The acceptance suite against the real platform runs on its own: `npm run test:platform`.
    exclude: ["test/platform/**", "**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks"
  }
})
