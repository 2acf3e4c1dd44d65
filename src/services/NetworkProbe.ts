import { Context, type Effect } from "effect"

export interface ProbeResult {
  readonly ok: boolean
  readonly detail: string
}

/** Low-level reachability checks for `eng5 doctor`; they never fail, they report. */
export class NetworkProbe extends Context.Service<
  NetworkProbe,
  {
    /** Opens and closes a TCP connection (enough to know a Kafka broker listens). */
    readonly tcp: (host: string, port: number) => Effect.Effect<ProbeResult>
    /** One GET without retries; ok when any HTTP answer below 500 came back. */
    readonly http: (url: string) => Effect.Effect<ProbeResult>
  }
>()("eng5/services/NetworkProbe") {}
