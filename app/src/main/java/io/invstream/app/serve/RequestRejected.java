package io.invstream.app.serve;

/** A request the endpoint answers with an error status and a message saying what to change. */
final class RequestRejected extends RuntimeException {

  private final int status;

  RequestRejected(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }

  static RequestRejected badRequest(String message) {
    return new RequestRejected(400, message);
  }
}
