package io.invstream.schemas.validation;

/** Stable, machine-readable reasons a record is sent to the dead-letter topic. */
public enum RejectReason {
  /** The bytes are not a message of any known schema version. */
  UNDECODABLE,
  /**
   * A row of an input file cannot be parsed: broken CSV quoting, a wrong number of CSV fields, invalid JSON, a JSON
   * line that is not an object, an unknown JSON field, a feature that is not a number, a line longer than the
   * configured limit, bytes that are not UTF-8, or a truncated IDX record.
   */
  MALFORMED,
  /** A file row names no environment (absent, empty or blank) and no default environment was configured. */
  MISSING_ENVIRONMENT,
  /** A file row's time is neither integer epoch milliseconds nor an ISO-8601 date-time with a UTC offset. */
  BAD_TIME,
  /** The example has no label. */
  MISSING_LABEL,
  /** The example names no environment, or one that does not match its topic. */
  WRONG_ENVIRONMENT,
  /** A feature is NaN or infinite. */
  NON_FINITE,
  /** The feature vector's length differs from the pipeline's. */
  WRONG_DIMENSION,
  /** The annotation mask's length differs from the features', or holds NaN/Inf. */
  BAD_MASK,
  /** The label is outside 0..classes-1. */
  BAD_LABEL,
  /** The weight is negative, NaN or infinite. */
  BAD_WEIGHT,
  /** The example's event time is older than its stream's time minus the grace period: its batches are gone. */
  LATE,
  /** The example was valid but its buffer was full while a batch could not be cut (a slower source held it back). */
  OVERFLOW
}
