package io.invstream.app.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body, refusing (413) more than a limit before buffering it. */
final class RequestBody {

  private RequestBody() {}

  static byte[] read(HttpExchange exchange, int maxBytes) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && parse(declared) > maxBytes) {
      throw tooLarge(maxBytes);
    }
    // Chunked bodies declare no length: read one byte past the limit to know it was exceeded.
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        throw tooLarge(maxBytes);
      }
      return body;
    }
  }

  private static long parse(String length) {
    try {
      return Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      throw RequestRejected.badRequest("Content-Length '" + length + "' is not a number");
    }
  }

  private static RequestRejected tooLarge(int maxBytes) {
    return new RequestRejected(413, "The request body exceeds " + maxBytes
        + " bytes; send fewer instances per request or raise --max-request-bytes");
  }
}
