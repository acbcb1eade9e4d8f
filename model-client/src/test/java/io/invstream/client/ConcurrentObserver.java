package io.invstream.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Predicts with whatever model the subscriber serves, as fast as it can on its own thread, and
 * checks every answer against the version the model claims: test models' weights encode their
 * version, so a model mixing two versions, or an aborted attempt's parameters, shows up as a wrong
 * probability.
 */
final class ConcurrentObserver implements AutoCloseable {

  private final ModelSubscriber subscriber;
  private final int inputs;
  private final Thread thread;
  private final ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
  private final List<Long> versionsSeen = new ArrayList<>();
  private volatile boolean running = true;
  private volatile long newestSeen = -1;
  private volatile long checks;

  ConcurrentObserver(ModelSubscriber subscriber, int inputs) {
    this.subscriber = subscriber;
    this.inputs = inputs;
    this.thread = new Thread(this::observe, "observer");
    thread.start();
  }

  static float[] ones(int n) {
    float[] x = new float[n];
    Arrays.fill(x, 1f);
    return x;
  }

  /** The probability of class 0 the client itself computes for an honest model of {@code version}. */
  static float expected(int inputs, long version) {
    return ServingModel.fromUpdate(TestUpdates.logistic("expected", version, inputs, TestUpdates.scaleOf(version)))
        .predict(ones(inputs)).probability(0);
  }

  private void observe() {
    float[] x = ones(inputs);
    long checked = 0;
    while (running) {
      // Yield so the broker and the subscriber keep their share of two cores; the loop stays as tight as it can.
      Thread.yield();
      ServingModel model = subscriber.current().orElse(null);
      if (model == null) {
        continue;
      }
      long version = model.version();
      float actual = model.predict(x).probability(0);
      if (Math.abs(actual - TestUpdates.expectedProbability(inputs, TestUpdates.scaleOf(version))) > 1e-5) {
        mismatches.add("version " + version + " predicted " + actual);
      }
      synchronized (versionsSeen) {
        if (versionsSeen.isEmpty() || versionsSeen.get(versionsSeen.size() - 1) != version) {
          versionsSeen.add(version);
        }
      }
      newestSeen = version;
      checks = ++checked;
    }
  }

  long newestSeen() {
    return newestSeen;
  }

  long checks() {
    return checks;
  }

  List<String> mismatches() {
    return List.copyOf(mismatches);
  }

  /** Versions in the order this thread saw them, each once per run of sightings. */
  List<Long> versionsSeen() {
    synchronized (versionsSeen) {
      return new ArrayList<>(versionsSeen);
    }
  }

  void stop() throws InterruptedException {
    running = false;
    thread.join();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
