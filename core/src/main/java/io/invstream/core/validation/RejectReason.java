package io.invstream.core.validation;

/** Stable, machine-readable reasons a record is sent to the dead-letter topic. */
public enum RejectReason {
  /** The bytes are not a message of any known schema version. */
  UNDECODABLE,
  /** A row of an input file could not be parsed. */
  MALFORMED,
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
