package io.invstream.trainer.algorithm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * CLI names → algorithm factories. {@link #standard()} lists every algorithm this module ships;
 * adding one is one {@code with(...)} line there. Immutable.
 */
public final class AlgorithmRegistry {

  private final Map<String, AlgorithmFactory> factories;

  private AlgorithmRegistry(Map<String, AlgorithmFactory> factories) {
    this.factories = Map.copyOf(factories);
  }

  /** An empty registry. */
  public static AlgorithmRegistry empty() {
    return new AlgorithmRegistry(Map.of());
  }

  /** All algorithms implemented in this module. */
  public static AlgorithmRegistry standard() {
    return empty()
        .with(AlgorithmFactory.of(Erm.NAME, "empirical risk minimisation on the pooled batch",
            ErmHyperparameters.DEFAULTS, (h, r) -> new Erm()))
        .with(AlgorithmFactory.of(AndMask.NAME, "AND-mask: keep gradient signs all environments agree on",
            AndMaskHyperparameters.DEFAULTS, (h, r) -> new AndMask(h)))
        .with(AlgorithmFactory.of(SandMask.NAME, "SAND-mask: smooth agreement mask damped by gradient variance",
            SandMaskHyperparameters.DEFAULTS, (h, r) -> new SandMask(h)))
        .with(AlgorithmFactory.of(Irm.NAME, "IRMv1: penalise each environment's dummy-scale gradient",
            IrmHyperparameters.DEFAULTS, (h, r) -> new Irm(h)))
        .with(AlgorithmFactory.of(VRex.NAME, "V-REx: penalise the variance of the environment risks",
            VRexHyperparameters.DEFAULTS, (h, r) -> new VRex(h)))
        .with(AlgorithmFactory.of(Fishr.NAME, "Fishr: match classifier-gradient variances across environments",
            FishrHyperparameters.DEFAULTS, (h, r) -> new Fishr(h)))
        .with(AlgorithmFactory.of(Coral.NAME, "CORAL: match feature means and covariances across environments",
            CoralHyperparameters.DEFAULTS, (h, r) -> new Coral(h)))
        .with(AlgorithmFactory.of(Dann.NAME, "DANN: adversarial environment classifier through gradient reversal",
            DannHyperparameters.DEFAULTS, Dann::new))
        .with(AlgorithmFactory.of(Fish.NAME, "Fish: meta step towards a clone walked through the environments in turn",
            FishHyperparameters.DEFAULTS, (h, r) -> new Fish(h)))
        .with(AlgorithmFactory.of(Rrr.NAME, "Right for the Right Reasons: penalise input gradients on annotated features",
            RrrHyperparameters.DEFAULTS, (h, r) -> new Rrr(h)))
        .with(AlgorithmFactory.of(RrrEnsemble.NAME, "find another explanation: RRR models in turn, each avoiding its predecessors' features",
            RrrEnsembleHyperparameters.DEFAULTS, RrrEnsemble::new));
  }

  /** This registry plus {@code factory}; its name must be new. */
  public AlgorithmRegistry with(AlgorithmFactory factory) {
    if (factories.containsKey(factory.name())) {
      throw new IllegalArgumentException("algorithm '" + factory.name() + "' is already registered");
    }
    Map<String, AlgorithmFactory> copy = new LinkedHashMap<>(factories);
    copy.put(factory.name(), factory);
    return new AlgorithmRegistry(copy);
  }

  /** Registered CLI names, sorted. */
  public Set<String> names() {
    return new TreeSet<>(factories.keySet());
  }

  /** The factory for {@code name}, or an error listing the names there are. */
  public AlgorithmFactory factory(String name) {
    AlgorithmFactory f = factories.get(name);
    if (f == null) {
      throw new IllegalArgumentException("unknown algorithm '" + name + "'; available: " + names());
    }
    return f;
  }

  /** Shorthand for {@code factory(name).create(overrides, random)}. */
  public InvariantAlgorithm create(String name, Map<String, String> overrides, RandomGenerator random) {
    return factory(name).create(overrides, random);
  }
}
