/**
 * Ends the process once a Kafka command is done. After a broker restart, kafkajs 2.2.4 drops a
 * broker from its pool without disconnecting it (`cluster.removeBroker`) while the consumer
 * group still heartbeats through it; `consumer.disconnect()` then leaves that connection and
 * its request-queue timer alive, and the process would never exit. Nothing runs after an eng5
 * command, so once the output is written the process may end; without such leftovers it ends
 * at once on its own (the timer does not hold it open).
 */
export const exitWhenDone = (): void => {
  setTimeout(() => process.exit(), 1_000).unref()
}
