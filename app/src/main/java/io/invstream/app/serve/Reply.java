package io.invstream.app.serve;

import java.util.Map;

/**
 * An HTTP status and the JSON body to send with it.
 *
 * @param status HTTP status code
 * @param body written as JSON
 */
record Reply(int status, Object body) {

  static Reply ok(Object body) {
    return new Reply(200, body);
  }

  static Reply error(int status, String message) {
    return new Reply(status, Map.of("error", message));
  }
}
