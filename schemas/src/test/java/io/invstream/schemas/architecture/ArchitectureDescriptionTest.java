package io.invstream.schemas.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitectureDescriptionTest {

  @Test
  void everyFormReadsBackToWhatItWasWrittenFrom() {
    List<ArchitectureDescription> all = List.of(new ArchitectureDescription.Logistic(10, 2),
        new ArchitectureDescription.Mlp(784, List.of(256, 128), 10), new ArchitectureDescription.Mlp(3, List.of(), 2),
        new ArchitectureDescription.Cnn(1, 28, 28, 16, 32, 10));
    for (ArchitectureDescription description : all) {
      assertThat(ArchitectureDescription.parse(description.text())).isEqualTo(description);
    }
    assertThat(all).extracting(ArchitectureDescription::text)
        .containsExactly("logistic 10-2", "mlp 784-256-128-10", "mlp 3-2", "cnn 1x28x28 conv16-conv32-10");
    assertThat(ArchitectureDescription.parse("  mlp 4-8-2 ")).isEqualTo(new ArchitectureDescription.Mlp(4, List.of(8), 2));
  }

  @Test
  void badDescriptionsSayWhatIsExpected() {
    assertThatThrownBy(() -> ArchitectureDescription.parse("rnn 4-2")).hasMessageContaining("Unknown architecture 'rnn 4-2'")
        .hasMessageContaining("'mlp IN-H1-...-K'");
    assertThatThrownBy(() -> ArchitectureDescription.parse("mlp 4")).hasMessageContaining("Malformed architecture 'mlp 4'")
        .hasMessageContaining("needs at least inputs and classes");
    assertThatThrownBy(() -> ArchitectureDescription.parse("logistic 4-8-2")).hasMessageContaining("exactly two sizes");
    assertThatThrownBy(() -> ArchitectureDescription.parse("mlp 4-x-2")).hasMessageContaining("Malformed architecture");
    assertThatThrownBy(() -> ArchitectureDescription.parse(null)).hasMessageContaining("No architecture given");
  }
}
