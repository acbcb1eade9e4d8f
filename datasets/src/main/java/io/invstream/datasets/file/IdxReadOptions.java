package io.invstream.datasets.file;

import java.time.Instant;
import java.util.Objects;

/**
 * How {@link IdxExampleReader} labels what it reads.
 *
 * @param environment the environment of every example: IDX files carry none
 * @param scale how pixel values become features
 * @param firstEventTime the event time of record 0; record {@code i} gets {@code firstEventTime + i} milliseconds,
 *     so event time keeps file order and reading twice gives the same examples
 */
public record IdxReadOptions(String environment, PixelScale scale, Instant firstEventTime) {

  public IdxReadOptions {
    if (environment == null || environment.isBlank()) {
      throw new IllegalArgumentException("IDX files carry no environment: give the examples' environment name");
    }
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(firstEventTime, "firstEventTime");
  }

  /** Raw pixels, event times from the Unix epoch. */
  public static IdxReadOptions of(String environment) {
    return new IdxReadOptions(environment, PixelScale.RAW, Instant.EPOCH);
  }

  public IdxReadOptions withScale(PixelScale pixelScale) {
    return new IdxReadOptions(environment, pixelScale, firstEventTime);
  }
}
