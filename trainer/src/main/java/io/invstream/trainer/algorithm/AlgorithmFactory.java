package io.invstream.trainer.algorithm;

import io.invstream.trainer.hparam.Hyperparameters;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;

/** Creates one algorithm from string hyperparameter overrides, for the registry and the CLI. */
public interface AlgorithmFactory {

  /** CLI name. */
  String name();

  /** One line for {@code --help}. */
  String summary();

  /** Hyperparameters with the reference defaults. */
  Hyperparameters defaults();

  /**
   * A new instance with the defaults overridden by {@code overrides} (component name → value).
   *
   * @param random seeds anything the algorithm initialises (a DANN head); never global randomness
   */
  InvariantAlgorithm create(Map<String, String> overrides, RandomGenerator random);

  /** A factory for an algorithm whose hyperparameters are the record type of {@code defaults}. */
  static <H extends Record & Hyperparameters> AlgorithmFactory of(
      String name, String summary, H defaults, BiFunction<H, RandomGenerator, InvariantAlgorithm> constructor) {
    return new AlgorithmFactory() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String summary() {
        return summary;
      }

      @Override
      public Hyperparameters defaults() {
        return defaults;
      }

      @Override
      public InvariantAlgorithm create(Map<String, String> overrides, RandomGenerator random) {
        return constructor.apply(Hyperparameters.withOverrides(defaults, overrides), random);
      }
    };
  }
}
