package io.invstream.app.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The endpoints' JSON: requests are read as plain trees (never bound to classes, so no
 * polymorphic typing can be triggered) under tight nesting and number-length limits.
 */
final class JsonCodec {

  private static final ObjectMapper MAPPER = mapper();

  private JsonCodec() {}

  /** The request's JSON tree; {@link RequestRejected} (400) if it is not JSON. */
  static JsonNode read(byte[] body) {
    try {
      JsonNode tree = MAPPER.readTree(body);
      if (tree == null || tree.isMissingNode()) {
        throw RequestRejected.badRequest("The request body is empty; send JSON such as {\"features\": [0.1, 0.2]}");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw RequestRejected.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw RequestRejected.badRequest("The request body could not be read: " + e.getMessage());
    }
  }

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a reply as JSON: " + e.getMessage(), e);
    }
  }

  private static ObjectMapper mapper() {
    JsonMapper mapper = JsonMapper.builder().build();
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxNumberLength(64)
        .maxStringLength(10_000).build());
    return mapper;
  }
}
