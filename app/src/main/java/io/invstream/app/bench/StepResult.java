package io.invstream.app.bench;

/**
 * What one producer rate did to the pipeline.
 *
 * @param targetRate examples/s asked of the producer
 * @param producedRate examples/s it achieved
 * @param trainedRate examples/s by which the served model's coverage grew during the step
 * @param backlog examples produced but not covered by the served model when the step ended
 * @param backlogSeconds that backlog in seconds of production at the target rate
 * @param keptUp the producer reached 95 % of the target, the served model's coverage grew at 95 % of the
 *     produced rate, and the backlog at the end stayed within the bound
 * @param latency production-to-served-model latencies of the examples produced during the step
 */
record StepResult(int targetRate, double producedRate, double trainedRate, long backlog, double backlogSeconds, boolean keptUp,
    LatencySummary latency) {}
