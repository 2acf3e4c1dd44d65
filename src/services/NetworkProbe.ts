import { Context, type Effect } from "effect"

/** No answer at all: `code` is the socket's (ECONNREFUSED, ENOTFOUND, TIMEOUT, …). */
export interface NoAnswer {
  readonly _tag: "NoAnswer"
  readonly code: string
  readonly detail: string
}

/** What one HTTP GET brought back: the body cut to its first few kilobytes, and a short plain-text excerpt of it (no markup). */
export type HttpProbe = { readonly _tag: "Answered"; readonly status: number; readonly contentType: string; readonly body: string; readonly excerpt: string } | NoAnswer

/** What a Kafka bootstrap server said to Kafka's own ApiVersions and Metadata requests. */
export type KafkaProbe =
  | {
      readonly _tag: "Kafka"
      /** The bootstrap server that answered. */
      readonly server: string
      /** How many Kafka APIs the broker offers (ApiVersions). */
      readonly apis: number
      /** The brokers the cluster advertises (Metadata): where producers and consumers connect. */
      readonly brokers: ReadonlyArray<string>
      readonly topics: ReadonlyArray<string>
    }
  /** Something took the connection but did not answer in Kafka's protocol: the first bytes it sent ("" when it stayed silent). */
  | { readonly _tag: "NotKafka"; readonly server: string; readonly excerpt: string }
  | (NoAnswer & { readonly server: string })

/** Checks for `eng5 doctor` that tell one service from another; they never fail, they report. */
export class NetworkProbe extends Context.Service<
  NetworkProbe,
  {
    /** One GET without retries. */
    readonly http: (url: string) => Effect.Effect<HttpProbe>
    /** ApiVersions and Metadata (every topic, creating none) to each `host:port` in turn until one answers as Kafka. */
    readonly kafka: (servers: ReadonlyArray<{ readonly host: string; readonly port: number }>) => Effect.Effect<KafkaProbe>
  }
>()("eng5/services/NetworkProbe") {}
