import { Effect, Layer } from "effect"
import { ServiceFailure } from "../errors.js"
import { CjAdmin } from "../services/CjAdmin.js"

export interface LiveStackConfig {
  readonly cjServiceUrl: string | undefined
  readonly contentServiceUrl: string
}

const notBuilt = (operation: string) =>
  Effect.fail(
    new ServiceFailure({
      service: "CJ Assessment Service",
      message: `${operation} needs eng5's HTTP client for CJ, which this build does not have yet.`,
      fix: "Run without --assignment-id for now (plan and dry-run work offline)."
    })
  )

/** The services a run uses against the real platform. */
export const cjAdminLive = (_config: LiveStackConfig) =>
  Layer.succeed(CjAdmin, {
    getAssignment: () => notBuilt("Checking the assignment"),
    getAnchorSummary: () => notBuilt("Checking anchors"),
    registerAnchor: () => notBuilt("Registering anchors")
  })
