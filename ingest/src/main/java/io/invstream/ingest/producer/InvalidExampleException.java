package io.invstream.ingest.producer;

import io.invstream.schemas.validation.Rejection;

/** An example the pipeline would refuse, thrown before it is sent. */
public final class InvalidExampleException extends IllegalArgumentException {

  private final transient Rejection rejection;

  public InvalidExampleException(Rejection rejection) {
    super(rejection.reason() + ": " + rejection.message());
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }
}
