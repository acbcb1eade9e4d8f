package io.invstream.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PredictRequestTest {

  @Test
  void readsOneExampleOrSeveral() {
    assertThat(parse("{\"features\": [1, -2.5, 3e2]}").instances()).singleElement()
        .satisfies(row -> assertThat(row).containsExactly(1f, -2.5f, 300f));
    assertThat(parse("{\"instances\": [[1, 2, 3], [4, 5, 6]], \"ignored\": true}").instances())
        .satisfiesExactly(row -> assertThat(row).containsExactly(1f, 2f, 3f), row -> assertThat(row).containsExactly(4f, 5f, 6f));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[1, 2, 3]                                 | must be a JSON object",
      "{}                                        | exactly one of \"features\" and \"instances\"",
      "{\"features\": [1,2,3], \"instances\": [[1,2,3]]} | exactly one of",
      "{\"features\": [1, 2]}                    | \"features\" has 2 features; the model expects 3",
      "{\"features\": 5}                          | \"features\" must be an array of numbers",
      "{\"features\": [1, \"2\", 3]}             | feature 1 of \"features\" is string, not a number",
      "{\"features\": [1, null, 3]}              | feature 1 of \"features\" is null, not a number",
      "{\"features\": [1, 2, 1e39]}              | feature 2 of \"features\" (1.0E39) is not a finite float32",
      "{\"instances\": []}                        | non-empty array",
      "{\"instances\": [[1, 2, 3], [1, 2]]}       | instance 1 has 2 features",
      "{\"instances\": [[1,2,3],[1,2,3],[1,2,3]]} | At most 2 instances per request, got 3"})
  void refusesWhatItCannotPredictOnSayingWhy(String body, String message) {
    assertThatThrownBy(() -> parse(body)).isInstanceOf(RequestRejected.class).hasMessageContaining(message)
        .satisfies(e -> assertThat(((RequestRejected) e).status()).isEqualTo(400));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"{\"features\": [1, 2,", "NaN", "{\"features\": [NaN, 1, 2]}", "''"})
  void refusesBodiesThatAreNotJson(String body) {
    assertThatThrownBy(() -> parse(body)).isInstanceOf(RequestRejected.class).hasMessageContaining("request body");
  }

  @Test
  void refusesDeeplyNestedJson() {
    assertThatThrownBy(() -> parse("{\"features\": " + "[".repeat(50) + "]".repeat(50) + "}"))
        .isInstanceOf(RequestRejected.class).hasMessageContaining("not valid JSON");
  }

  private static PredictRequest parse(String body) {
    return PredictRequest.parse(JsonCodec.read(body.getBytes(StandardCharsets.UTF_8)), 3, 2);
  }
}
