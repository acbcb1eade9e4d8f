package io.invstream.testing;

import java.util.concurrent.atomic.AtomicInteger;

/** Unique topic prefixes so tests sharing one cluster never see each other's data. */
public final class TestTopics {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private TestTopics() {}

  /** A prefix unique in this JVM and across reruns against the same cluster. */
  public static String uniquePrefix(String name) {
    return name + "-" + Long.toString(System.nanoTime() & 0xffffffL, 36) + "-" + COUNTER.incrementAndGet();
  }
}
