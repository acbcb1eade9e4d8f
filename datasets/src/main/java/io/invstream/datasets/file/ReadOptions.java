package io.invstream.datasets.file;

import io.invstream.schemas.validation.RejectReason;
import java.time.Instant;
import java.util.Objects;

/**
 * How the CSV and JSON-lines readers treat what a row leaves out.
 *
 * @param featureCount the required number of features; {@code 0} means the first accepted row fixes it
 * @param defaultEnvironment the environment of rows that have none (no {@code env} column or key, or an empty
 *     value); {@code null} means such rows are rejected as {@link RejectReason#MISSING_ENVIRONMENT}
 * @param defaultEventTime the event time of rows without a {@code time} value. A fixed instant, not the clock, so
 *     that reading the same file twice gives the same examples
 * @param maxRecordChars the longest record accepted, in characters, counting the line breaks inside a quoted CSV
 *     field; it bounds the memory a read uses. A longer line or record is rejected as
 *     {@link RejectReason#MALFORMED} and the read goes on with the next line
 */
public record ReadOptions(int featureCount, String defaultEnvironment, Instant defaultEventTime, int maxRecordChars) {

  /** Default {@link #maxRecordChars}: room for about 200 000 features written with full float precision. */
  public static final int DEFAULT_MAX_RECORD_CHARS = 4 << 20;

  public ReadOptions {
    if (featureCount < 0) {
      throw new IllegalArgumentException("featureCount must be >= 0 (0 = fixed by the first accepted row), got "
          + featureCount);
    }
    if (defaultEnvironment != null && defaultEnvironment.isBlank()) {
      throw new IllegalArgumentException("defaultEnvironment must be null (rows need an environment) or not blank");
    }
    Objects.requireNonNull(defaultEventTime, "defaultEventTime");
    if (maxRecordChars < 1) {
      throw new IllegalArgumentException("maxRecordChars must be >= 1, got " + maxRecordChars);
    }
  }

  /** Dimension from the first accepted row, environment required, missing times at the Unix epoch, 4 Mi chars. */
  public static ReadOptions defaults() {
    return new ReadOptions(0, null, Instant.EPOCH, DEFAULT_MAX_RECORD_CHARS);
  }

  public ReadOptions withFeatureCount(int count) {
    return new ReadOptions(count, defaultEnvironment, defaultEventTime, maxRecordChars);
  }

  public ReadOptions withDefaultEnvironment(String environment) {
    return new ReadOptions(featureCount, environment, defaultEventTime, maxRecordChars);
  }

  public ReadOptions withDefaultEventTime(Instant time) {
    return new ReadOptions(featureCount, defaultEnvironment, time, maxRecordChars);
  }

  public ReadOptions withMaxRecordChars(int chars) {
    return new ReadOptions(featureCount, defaultEnvironment, defaultEventTime, chars);
  }
}
