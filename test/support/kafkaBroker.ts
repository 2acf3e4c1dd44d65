/**
 * A real Apache Kafka broker for integration tests, without Docker.
 *
 * `ensureBroker()` either uses an existing broker named by `KAFKA_BOOTSTRAP_SERVERS` (then the
 * caller does not own it: `stop()` and `restart()` do nothing) or starts a private single-node
 * KRaft broker with `scripts/kafka/start.sh` (jars from Maven Central, provisioned on first use
 * into `.cache/`). Each call gets its own state file, so parallel test files get parallel
 * brokers. The scripts also watch this process: if it dies without calling `stop()`, the broker
 * is stopped and its temp dir removed.
 *
 * Set `KAFKA_DEBUG=1` to see the scripts' progress lines on stderr.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface KafkaBroker {
  /** `host:port` list for KafkaJS `brokers` (split on commas). */
  readonly bootstrap: string;
  /** True when this process started the broker (and so may stop or restart it). */
  readonly owned: boolean;
  /** Stops the broker and deletes its data. Idempotent; a no-op when not owned. */
  stop(): Promise<void>;
  /**
   * Stops the broker process and starts it again on the same ports and data dir; resolves once
   * it serves metadata again. `kill: true` sends SIGKILL instead of a clean shutdown (the
   * restart then takes ~10 s longer: the controller waits out the old broker session).
   * A no-op when not owned.
   */
  restart(options?: { readonly kill?: boolean }): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SCRIPTS_DIR = join(REPO_ROOT, "scripts", "kafka");
const STATE_DIR = join(REPO_ROOT, ".cache", "kafka-brokers");
const KAFKA_VERSION = "3.9.1";
const PROVISIONED_MARKER = join(REPO_ROOT, ".cache", `kafka-${KAFKA_VERSION}`, "lib", ".provisioned");
/** Safety net only: start.sh has its own 60 s readiness timeout; a cold Maven download adds ~20 s. */
const SCRIPT_TIMEOUT_MS = 5 * 60_000;
const BOOTSTRAP_LINE = /^KAFKA_BOOTSTRAP_SERVERS=(\S+)$/mu;

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const onPath = (command: string): boolean =>
  (process.env["PATH"] ?? "")
    .split(delimiter)
    .some((dir) => dir !== "" && isExecutable(join(dir, command)));

const externalBootstrap = (): string | undefined => {
  const value = process.env["KAFKA_BOOTSTRAP_SERVERS"]?.trim();
  return value === undefined || value === "" ? undefined : value;
};

/**
 * True when a broker can be had: `KAFKA_BOOTSTRAP_SERVERS` is set, or java and mvn are on PATH
 * (mvn is not needed once the jars are provisioned).
 */
/**
 * Whether Kafka tests can run here. Without a broker they are skipped with a visible notice,
 * except where services are required (CI sets ENG5_REQUIRE_SERVICES=1): there it is an error.
 */
export const brokerAvailable = (): boolean => {
  const available =
    externalBootstrap() !== undefined ||
    (onPath("java") && (onPath("mvn") || existsSync(PROVISIONED_MARKER)));
  if (!available && process.env["ENG5_REQUIRE_SERVICES"] === "1") {
    throw new Error("Kafka tests are required (ENG5_REQUIRE_SERVICES=1) but there is no broker: install Java 17 and Maven, or set KAFKA_BOOTSTRAP_SERVERS.");
  }
  if (!available) process.stderr.write("[notice] Kafka tests skipped: no KAFKA_BOOTSTRAP_SERVERS and no java/mvn to start a broker.\n");
  return available;
};

/** A test that must restart the broker cannot prove anything against an external one where services are required. */
export const requireOwnedBroker = (broker: KafkaBroker): boolean => {
  if (!broker.owned && process.env["ENG5_REQUIRE_SERVICES"] === "1") {
    throw new Error("this test restarts the broker, but KAFKA_BOOTSTRAP_SERVERS names an external one: unset it so the test starts its own.");
  }
  return broker.owned;
};

const runScript = (
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(
      "bash",
      [join(SCRIPTS_DIR, script), ...args],
      { cwd: REPO_ROOT, env, encoding: "utf8", timeout: SCRIPT_TIMEOUT_MS, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (process.env["KAFKA_DEBUG"]) {
          process.stderr.write(stderr);
        }
        if (error) {
          const how = error.signal ? `signal ${error.signal}` : `exit code ${String(error.code)}`;
          const command = ["scripts/kafka/" + script, ...args].join(" ");
          reject(new Error(`${command} failed (${how}):\n${stderr}`, { cause: error }));
          return;
        }
        resolve(stdout);
      },
    );
  });

const parseBootstrap = (stdout: string): string => {
  const bootstrap = BOOTSTRAP_LINE.exec(stdout)?.[1];
  if (bootstrap === undefined) {
    throw new Error(`scripts/kafka/start.sh printed no KAFKA_BOOTSTRAP_SERVERS line:\n${stdout}`);
  }
  return bootstrap;
};

/** Returns a broker to test against; see the module comment. */
export const ensureBroker = async (): Promise<KafkaBroker> => {
  const external = externalBootstrap();
  if (external !== undefined) {
    return {
      bootstrap: external,
      owned: false,
      stop: () => Promise.resolve(),
      restart: () => Promise.resolve(),
    };
  }

  const stateFile = join(STATE_DIR, `${process.pid}-${randomBytes(4).toString("hex")}.env`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KAFKA_STATE_FILE: stateFile,
    KAFKA_WATCH_PID: String(process.pid),
  };
  const bootstrap = parseBootstrap(await runScript("start.sh", [], env));

  let stopped: Promise<void> | undefined;
  return {
    bootstrap,
    owned: true,
    stop: () => {
      stopped ??= runScript("stop.sh", [], env).then(() => undefined);
      return stopped;
    },
    restart: async (options) => {
      if (stopped !== undefined) {
        throw new Error("kafka broker restart() after stop()");
      }
      const stdout = await runScript("restart.sh", options?.kill === true ? ["--kill"] : [], env);
      const again = parseBootstrap(stdout);
      if (again !== bootstrap) {
        throw new Error(`kafka broker came back on ${again}, expected ${bootstrap}`);
      }
    },
  };
};
