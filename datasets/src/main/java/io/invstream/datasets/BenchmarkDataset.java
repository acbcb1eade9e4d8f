package io.invstream.datasets;

import io.invstream.schemas.Example;
import java.util.List;
import java.util.stream.Stream;

/**
 * A benchmark data set split into named environments. Deterministic: the same files and configuration (seed
 * included) give the same examples in the same order, every time and on every machine. Implementations are
 * immutable and safe to share between threads.
 */
public interface BenchmarkDataset {

  BenchmarkMetadata metadata();

  /**
   * The examples of one environment, built lazily in a fixed order.
   *
   * @throws IllegalArgumentException if the environment is not one of {@link BenchmarkMetadata#environments()}
   */
  Stream<Example> stream(String environment);

  /** The examples of one environment, all built at once. */
  default List<Example> examples(String environment) {
    return stream(environment).toList();
  }

  /**
   * Number of examples in one environment.
   *
   * @throws IllegalArgumentException if the environment is unknown
   */
  default int size(String environment) {
    return metadata().requireEnvironment(environment);
  }
}
