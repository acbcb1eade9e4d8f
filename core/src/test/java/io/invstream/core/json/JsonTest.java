package io.invstream.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void writesNestedValuesInOrder() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("a", 0.5);
    inner.put("b", List.of(1, 2));
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put("algorithm", "andmask");
    outer.put("steps", 12L);
    outer.put("trainAccuracy", inner);
    outer.put("ok", true);
    outer.put("none", null);

    assertThat(Json.write(outer)).isEqualTo("{\"algorithm\":\"andmask\",\"steps\":12,\"trainAccuracy\":{\"a\":0.5,\"b\":[1,2]},\"ok\":true,\"none\":null}");
  }

  @Test
  void nonFiniteNumbersBecomeNullAndStringsAreEscaped() {
    assertThat(Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY, 2.0))).isEqualTo("[null,null,2]");
    assertThat(Json.write("a\"b\\c\n</script>")).isEqualTo("\"a\\\"b\\\\c\\n\\u003c/script>\"");
  }

  @Test
  void refusesUnknownTypes() {
    assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
  }
}
