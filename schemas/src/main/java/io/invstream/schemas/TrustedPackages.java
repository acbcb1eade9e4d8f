package io.invstream.schemas;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate generated classes it does not trust; this adds the project's
 * message package to the trusted set once per JVM, keeping Avro's own defaults.
 */
final class TrustedPackages {

  private static volatile boolean installed;

  private TrustedPackages() {}

  static synchronized void install() {
    if (installed) {
      return;
    }
    ClassSecurityValidator.ClassSecurityPredicate ours = ClassSecurityValidator.builder()
        .add(Example.class).add(BalancedBatch.class).add(BatchReason.class).add(SourceRange.class)
        .add(TrainingMetrics.class).add(EnvironmentMetrics.class).add(PairMetrics.class)
        .add(ModelUpdate.class).add(ParameterTensor.class).add(ModelRole.class).add(TrainerStateRecord.class)
        .add(ComponentState.class).add(DeadLetter.class)
        .add(DriftEvent.class).add(DriftDetector.class).add(DriftSeverity.class)
        .build();
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours));
    installed = true;
  }
}
