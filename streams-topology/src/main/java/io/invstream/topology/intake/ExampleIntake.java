package io.invstream.topology.intake;

import io.invstream.schemas.validation.ExampleValidator;
import io.invstream.schemas.validation.RejectReason;
import io.invstream.schemas.validation.Rejection;
import io.invstream.schemas.AvroSerde;
import io.invstream.schemas.Example;
import io.invstream.schemas.FeatureVectors;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decodes and checks the raw value of an environment-topic record. Decoding happens here rather than
 * in a source deserializer so that an undecodable record becomes a dead letter carrying its original
 * bytes, inside the same transaction as everything else, instead of an exception.
 */
public final class ExampleIntake {

  private final AvroSerde<Example> serde = AvroSerde.of(Example.class);
  private final int classes;
  private ExampleValidator validator;

  /** {@code featureCount} 0 learns the count from the first valid example; {@code classes} 0 accepts any label. */
  public ExampleIntake(int featureCount, int classes) {
    this.classes = classes;
    this.validator = new ExampleValidator(featureCount, classes);
  }

  /** The feature count being enforced, 0 while still to be learnt. */
  public int featureCount() {
    return validator.featureCount();
  }

  /** Enforces {@code featureCount} from now on (a count learnt before a restart). */
  public void enforceFeatureCount(int featureCount) {
    validator = new ExampleValidator(featureCount, classes);
  }

  /** Reads {@code value} consumed from the topic of {@code environment}. */
  public Intake read(String topic, String environment, byte[] value) {
    if (value == null || value.length == 0) {
      return refuse(RejectReason.UNDECODABLE, "empty record value on " + topic + ": producers must send an Avro Example");
    }
    Example example;
    try {
      example = serde.deserialize(topic, value);
    } catch (SerializationException e) {
      return refuse(RejectReason.UNDECODABLE, e.getMessage());
    }
    if (!environment.equals(example.getEnvironment())) {
      return refuse(RejectReason.WRONG_ENVIRONMENT, "example " + example.getId() + " names environment '"
          + example.getEnvironment() + "' but arrived on " + topic + ", the topic of '" + environment + "'");
    }
    Optional<Rejection> problem = validator.check(example);
    if (problem.isPresent()) {
      return new Intake.Refused(problem.get());
    }
    if (validator.featureCount() == 0) {
      enforceFeatureCount(FeatureVectors.length(example.getFeatures()));
    }
    return new Intake.Accepted(example);
  }

  /** Decodes bytes this intake accepted earlier (restored from the state store). */
  public Example decodeTrusted(byte[] value) {
    return serde.deserialize("state", value);
  }

  private static Intake refuse(RejectReason reason, String message) {
    return new Intake.Refused(new Rejection(reason, message));
  }
}
