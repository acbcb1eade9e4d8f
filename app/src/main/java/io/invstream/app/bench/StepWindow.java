package io.invstream.app.bench;

/**
 * One step as measured while it ran; its latencies are computed after the run.
 *
 * @param targetRate examples/s asked of the producer
 * @param startMillis wall-clock start of production
 * @param endMillis wall-clock end of production (after the producer's flush)
 * @param producedRate examples/s achieved
 * @param trainedRate growth of the served model's coverage, examples/s
 * @param behind examples not covered by the served model at the end
 * @param keptUp whether the step met the keeping-up criterion
 */
record StepWindow(int targetRate, long startMillis, long endMillis, double producedRate, double trainedRate, long behind,
    boolean keptUp) {

  StepResult result(LatencySummary latency) {
    return new StepResult(targetRate, producedRate, trainedRate, behind, behind / (double) targetRate, keptUp, latency);
  }
}
