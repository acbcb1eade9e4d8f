package io.invstream.topology;

import io.invstream.core.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the balancer needs besides the cluster's address. Each component is validated when the
 * record is built, so a bad value fails at start-up with a message saying how to fix it. Build one
 * with {@link #builder()}, whose setters document the defaults.
 *
 * @param topicPrefix prefix of the pipeline's topics: reads {@code <prefix>.env.*}, writes {@code <prefix>.batches}
 * @param applicationId Kafka Streams application id: instances sharing it split the work
 * @param examplesPerEnvironment k: examples each environment contributes to a full batch
 * @param quotas per-environment overrides of k (k_e), by environment name
 * @param policy how long to wait for short environments and what a batch cut without them holds
 * @param maxWait longest a batch waits for short environments after it opened
 * @param idleTimeout an environment that sent nothing for this long is retired (no longer waited for nor listed
 *     missing) until it sends again
 * @param timeMode the clock of deadlines and idleness
 * @param grace in event-time mode, how far behind stream time an example may be and still be used
 * @param reservoirSize examples kept per environment (per class with class balance) for replay
 * @param classBalance split each environment's quota evenly over the classes 0..classes-1
 * @param classes number of classes; labels outside 0..classes-1 are dead-lettered; 0 accepts any label
 * @param featureCount expected feature count; 0 learns it from the first valid example of each task
 * @param minEnvironments a batch needs at least this many environments
 * @param bufferBatches each environment buffers at most this many quotas; an example arriving for a full buffer makes
 *     the batch due at once
 * @param stateDirectory Kafka Streams state directory, or null for Kafka Streams' default
 * @param commitInterval how often a transaction commits: batches become visible to read_committed readers then
 * @param discoveryInterval how soon a new environment topic is noticed (the consumer's metadata max age)
 * @param streamThreads Kafka Streams threads of this instance
 * @param seed seed of reservoir sampling and replay, so reprocessing the same input replays the same examples
 */
public record BalancerConfig(String topicPrefix, String applicationId, int examplesPerEnvironment, Map<String, Integer> quotas,
    StarvationPolicy policy, Duration maxWait, Duration idleTimeout, TimeMode timeMode, Duration grace, int reservoirSize,
    boolean classBalance, int classes, int featureCount, int minEnvironments, int bufferBatches, Path stateDirectory,
    Duration commitInterval, Duration discoveryInterval, int streamThreads, long seed) {

  public static final String DEFAULT_APPLICATION_ID = "invstream-balancer";
  public static final int DEFAULT_K = 32;
  public static final int DEFAULT_RESERVOIR_SIZE = 256;
  public static final int DEFAULT_BUFFER_BATCHES = 4;

  public BalancerConfig {
    new Topics(topicPrefix);
    requireNonBlank(applicationId, "applicationId", "--application-id invstream-balancer");
    atLeast(examplesPerEnvironment, 1, "examples per environment (k)");
    quotas = new TreeMap<>(quotas);
    quotas.forEach((environment, quota) -> atLeast(quota, 1, "quota of environment " + environment));
    quotas = Map.copyOf(quotas);
    requireNonNull(policy, "policy");
    requireNonNull(timeMode, "timeMode");
    positive(maxWait, "maxWait");
    positive(idleTimeout, "idleTimeout");
    positive(commitInterval, "commitInterval");
    positive(discoveryInterval, "discoveryInterval");
    requireNonNull(grace, "grace");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must be >= 0, got " + grace);
    }
    if (idleTimeout.compareTo(maxWait) < 0) {
      throw new IllegalArgumentException("idleTimeout (" + idleTimeout + ") must be at least maxWait (" + maxWait
          + "): an environment would be retired before a batch could wait for it");
    }
    atLeast(reservoirSize, policy == StarvationPolicy.REPLAY ? 1 : 0,
        policy == StarvationPolicy.REPLAY ? "reservoir size with policy REPLAY" : "reservoir size");
    atLeast(classes, classBalance ? 1 : 0, classBalance ? "classes with class balance on" : "classes");
    if (classBalance) {
      atLeast(examplesPerEnvironment, classes, "k with class balance over " + classes + " classes (one example per class at least)");
      quotas.forEach((environment, quota) -> atLeast(quota, classes, "quota of " + environment + " with class balance over "
          + classes + " classes"));
    }
    atLeast(featureCount, 0, "feature count");
    atLeast(minEnvironments, 1, "minimum environments per batch");
    atLeast(bufferBatches, 1, "buffer batches");
    atLeast(streamThreads, 1, "stream threads");
  }

  /** A builder holding every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** This pipeline's topics. */
  public Topics topics() {
    return new Topics(topicPrefix);
  }

  /** k_e: the examples {@code environment} contributes to a full batch. */
  public int quotaOf(String environment) {
    return quotas.getOrDefault(environment, examplesPerEnvironment);
  }

  /** Buckets per environment: one per class with class balance, else one. */
  public int bucketsPerEnvironment() {
    return classBalance ? classes : 1;
  }

  /** The share of {@code environment}'s quota that bucket {@code bucket} holds; remainders go to the first buckets. */
  public int bucketQuota(String environment, int bucket) {
    int quota = quotaOf(environment);
    int buckets = bucketsPerEnvironment();
    return quota / buckets + (bucket < quota % buckets ? 1 : 0);
  }

  /** Slots of one bucket: {@link #bufferBatches} times its quota. */
  public int bucketCapacity(String environment, int bucket) {
    return bufferBatches * bucketQuota(environment, bucket);
  }

  /**
   * Kafka Streams' {@code max.task.idle.ms} for this configuration, unless a properties file sets it.
   * At 0 (Kafka's default, KIP-695) a task already waits to fetch data it knows is on the broker
   * before picking records by timestamp, but goes on at once past a partition that was caught up at
   * its last fetch; on a busy machine it then runs ahead on the other environments and cuts short,
   * unbalanced batches. A positive value waits that long for such a partition's next records. WAIT
   * and REPLAY wait for environments anyway, so they idle up to a tenth of {@link #maxWait} (at most
   * 100 ms); PARTIAL, which never waits for an environment with nothing buffered, keeps 0.
   */
  public Duration taskIdle() {
    if (policy == StarvationPolicy.PARTIAL) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(Math.min(100, maxWait.toMillis() / 10));
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  private static void atLeast(int value, int minimum, String what) {
    if (value < minimum) {
      throw new IllegalArgumentException(what + " must be >= " + minimum + ", got " + value);
    }
  }

  private static void positive(Duration value, String what) {
    requireNonNull(value, what);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
  }

  private static void requireNonNull(Object value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(what + " must be set");
    }
  }

  private static void requireNonBlank(String value, String what, String example) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must be set, e.g. " + example);
    }
  }

  /** Collects a {@link BalancerConfig}; every setter names its default. */
  public static final class Builder {
    private String topicPrefix = Topics.DEFAULT_PREFIX;
    private String applicationId = DEFAULT_APPLICATION_ID;
    private int examplesPerEnvironment = DEFAULT_K;
    private Map<String, Integer> quotas = Map.of();
    private StarvationPolicy policy = StarvationPolicy.WAIT;
    private Duration maxWait = Duration.ofSeconds(1);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private TimeMode timeMode = TimeMode.WALL_CLOCK;
    private Duration grace = Duration.ofSeconds(5);
    private int reservoirSize = DEFAULT_RESERVOIR_SIZE;
    private boolean classBalance;
    private int classes;
    private int featureCount;
    private int minEnvironments = 1;
    private int bufferBatches = DEFAULT_BUFFER_BATCHES;
    private Path stateDirectory;
    private Duration commitInterval = Duration.ofMillis(100);
    private Duration discoveryInterval = Duration.ofSeconds(10);
    private int streamThreads = 1;
    private long seed = 17L;

    private Builder() {}

    private Builder(BalancerConfig c) {
      topicPrefix = c.topicPrefix;
      applicationId = c.applicationId;
      examplesPerEnvironment = c.examplesPerEnvironment;
      quotas = c.quotas;
      policy = c.policy;
      maxWait = c.maxWait;
      idleTimeout = c.idleTimeout;
      timeMode = c.timeMode;
      grace = c.grace;
      reservoirSize = c.reservoirSize;
      classBalance = c.classBalance;
      classes = c.classes;
      featureCount = c.featureCount;
      minEnvironments = c.minEnvironments;
      bufferBatches = c.bufferBatches;
      stateDirectory = c.stateDirectory;
      commitInterval = c.commitInterval;
      discoveryInterval = c.discoveryInterval;
      streamThreads = c.streamThreads;
      seed = c.seed;
    }

    /** Default {@code invstream}. */
    public Builder topicPrefix(String value) { topicPrefix = value; return this; }

    /** Default {@code invstream-balancer}. */
    public Builder applicationId(String value) { applicationId = value; return this; }

    /** k, default 32. */
    public Builder examplesPerEnvironment(int value) { examplesPerEnvironment = value; return this; }

    /** k_e per environment, default none (every environment gets k). */
    public Builder quotas(Map<String, Integer> value) { quotas = value; return this; }

    /** Default {@link StarvationPolicy#WAIT}: waits up to maxWait for every active environment, never invents data. */
    public Builder policy(StarvationPolicy value) { policy = value; return this; }

    /** Default 1 s. */
    public Builder maxWait(Duration value) { maxWait = value; return this; }

    /** Default 60 s. */
    public Builder idleTimeout(Duration value) { idleTimeout = value; return this; }

    /** Default {@link TimeMode#WALL_CLOCK}. */
    public Builder timeMode(TimeMode value) { timeMode = value; return this; }

    /** Default 5 s (event-time mode only). */
    public Builder grace(Duration value) { grace = value; return this; }

    /** Default 256 examples per bucket. */
    public Builder reservoirSize(int value) { reservoirSize = value; return this; }

    /** Default off; {@code classes} must then be set. */
    public Builder classBalance(boolean value) { classBalance = value; return this; }

    /** Default 0: any non-negative label. */
    public Builder classes(int value) { classes = value; return this; }

    /** Default 0: learnt from the first valid example. */
    public Builder featureCount(int value) { featureCount = value; return this; }

    /** Default 1. */
    public Builder minEnvironments(int value) { minEnvironments = value; return this; }

    /** Default 4. */
    public Builder bufferBatches(int value) { bufferBatches = value; return this; }

    /** Default null: Kafka Streams' own default directory. */
    public Builder stateDirectory(Path value) { stateDirectory = value; return this; }

    /** Default 100 ms, Kafka Streams' default under exactly-once. */
    public Builder commitInterval(Duration value) { commitInterval = value; return this; }

    /** Default 10 s. */
    public Builder discoveryInterval(Duration value) { discoveryInterval = value; return this; }

    /** Default 1. */
    public Builder streamThreads(int value) { streamThreads = value; return this; }

    /** Default 17. */
    public Builder seed(long value) { seed = value; return this; }

    /** Validates and builds. */
    public BalancerConfig build() {
      return new BalancerConfig(topicPrefix, applicationId, examplesPerEnvironment, quotas, policy, maxWait, idleTimeout,
          timeMode, grace, reservoirSize, classBalance, classes, featureCount, minEnvironments, bufferBatches,
          stateDirectory, commitInterval, discoveryInterval, streamThreads, seed);
    }
  }
}
