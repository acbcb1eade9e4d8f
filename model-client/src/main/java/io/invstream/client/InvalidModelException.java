package io.invstream.client;

/** A model update that cannot be served: incomplete, inconsistent, of an unknown architecture or holding NaN/Inf. */
public final class InvalidModelException extends RuntimeException {

  /** @param message what is wrong, naming the model, version and the offending tensor or chunk */
  public InvalidModelException(String message) {
    super(message);
  }

  InvalidModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
