package io.invstream.core.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

  private final Topics topics = new Topics("shop");

  @Test
  void namesDeriveFromThePrefix() {
    assertThat(topics.environment("berlin").name()).isEqualTo("shop.env.berlin");
    assertThat(topics.batches().name()).isEqualTo("shop.batches");
    assertThat(topics.metrics().name()).isEqualTo("shop.metrics");
    assertThat(topics.models().name()).isEqualTo("shop.models");
    assertThat(topics.deadLetters().name()).isEqualTo("shop.dead-letters");
    assertThat(topics.drift().name()).isEqualTo("shop.drift");
  }

  @Test
  void patternMatchesOnlyThisPipelinesEnvironmentTopics() {
    assertThat(topics.environmentPattern().matcher("shop.env.berlin").matches()).isTrue();
    assertThat(topics.environmentPattern().matcher("shopx.env.berlin").matches()).isFalse();
    assertThat(topics.environmentPattern().matcher("shop.batches").matches()).isFalse();
    assertThat(topics.environmentPattern().matcher("shop.env.").matches()).isFalse();
  }

  @Test
  void environmentOfInvertsTheTopicName() {
    assertThat(topics.environmentOf("shop.env.env-07")).contains("env-07");
    assertThat(topics.environmentOf("shop.metrics")).isEmpty();
    assertThat(topics.environmentOf("other.env.a")).isEmpty();
  }

  @Test
  void environmentNamesThatCannotBeTopicNamesAreRefusedWithTheRule() {
    assertThatThrownBy(() -> topics.environment("a b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("letters, digits");
    assertThatThrownBy(() -> topics.environment("a.b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Topics("bad prefix")).isInstanceOf(IllegalArgumentException.class);
  }
}
