package io.invstream.datasets.file;

/**
 * Why a row of a file did not become an example. The constant names are the stable reason codes that travel in
 * {@code DeadLetter.reasonCode}; never rename one, only add.
 *
 * <p>A row with several faults is rejected for the first one found, in this order: {@link #MALFORMED} (syntax),
 * {@link #MISSING_ENVIRONMENT}, {@link #MISSING_LABEL} / {@link #BAD_LABEL}, {@link #NON_FINITE} (features),
 * {@link #WRONG_DIMENSION}, {@link #BAD_MASK}, {@link #BAD_WEIGHT}, {@link #BAD_TIME}.
 */
public enum RejectionReason {
  /**
   * The row cannot be parsed: broken CSV quoting, a wrong number of CSV fields, invalid JSON, a JSON line that is not
   * an object, an unknown JSON field, a feature that is not a number, a line longer than the configured limit, bytes
   * that are not UTF-8, or a truncated IDX record.
   */
  MALFORMED,
  /** The environment is absent, empty or blank and no default environment was configured. */
  MISSING_ENVIRONMENT,
  /** The label is absent, empty or JSON {@code null}. */
  MISSING_LABEL,
  /** The label is present but not a non-negative integer that fits an {@code int}. */
  BAD_LABEL,
  /** A feature is NaN, infinite, beyond the float32 range, or missing (an empty CSV cell or JSON {@code null}). */
  NON_FINITE,
  /** The number of features differs from the fixed dimension (the first accepted row's, or the configured one). */
  WRONG_DIMENSION,
  /** The mask's length differs from the feature count, or one of its values is not a finite number. */
  BAD_MASK,
  /** The weight is not a finite number {@code >= 0}. */
  BAD_WEIGHT,
  /** The time is neither integer epoch milliseconds nor an ISO-8601 date-time with a UTC offset. */
  BAD_TIME
}
