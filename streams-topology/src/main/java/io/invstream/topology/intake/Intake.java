package io.invstream.topology.intake;

import io.invstream.schemas.validation.Rejection;
import io.invstream.schemas.Example;

/** The outcome of reading one input record: a usable example, or the reason it is refused. */
public sealed interface Intake {

  /** A decoded example that passed every check. */
  record Accepted(Example example) implements Intake {}

  /** A record to dead-letter. */
  record Refused(Rejection rejection) implements Intake {}
}
