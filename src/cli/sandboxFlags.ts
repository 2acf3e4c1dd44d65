import { Flags } from "@oclif/core"

/** Flags of the in-process sandbox stack (`--sandbox`): the platform simulated, no services needed. */
export const sandboxFlags = {
  sandbox: Flags.boolean({
    description: "Run against the in-process sandbox: Content Service, CJ and Kafka simulated, nothing leaves this machine.",
    default: false,
    helpGroup: "SANDBOX"
  }),
  seed: Flags.integer({ description: "Sandbox seed: the same seed and data give the same comparisons and results.", default: 1, helpGroup: "SANDBOX" }),
  "sandbox-error-rate": Flags.string({ description: "Share of comparisons the sandbox answers with an error callback, 0–1.", helpGroup: "SANDBOX" }),
  "sandbox-duplicate-rate": Flags.string({ description: "Share of callbacks the sandbox delivers twice, 0–1.", helpGroup: "SANDBOX" }),
  "sandbox-fail-batch": Flags.boolean({ description: "The sandbox fails the batch on CJ's failure topic.", default: false, helpGroup: "SANDBOX" }),
  "sandbox-drop-result": Flags.boolean({ description: "The sandbox completes the batch but never publishes the result.", default: false, helpGroup: "SANDBOX" })
}

/** The assignment the sandbox plays when none is given (the sandbox accepts every id). */
export const SANDBOX_ASSIGNMENT_ID = "5a4db0c5-0000-4000-8000-000000000001"
