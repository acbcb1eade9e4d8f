package io.invstream.trainer.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.trainer.tensor.cpu.Nd4jCpuBackend;
import org.junit.jupiter.api.Test;

class RowBufferTest {

  private final TensorBackend backend = new Nd4jCpuBackend();

  @Test
  void blocksAreCachedViewsOfOneStorage() {
    RowBuffer buffer = RowBuffer.matrix(backend, 3);
    buffer.reserve(4);
    BackendCounters before = backend.counters();
    Tensor all = buffer.first(4);
    Tensor second = buffer.block(1, 2);
    assertThat(second.shape()).isEqualTo(Shape.of(2, 3));
    assertThat(buffer.block(1, 2)).isSameAs(second);
    backend.fill(second, 1f);
    assertThat(backend.download(all)).containsExactly(0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0);
    assertThat(backend.counters().since(before).allocations()).isZero();
  }

  @Test
  void growsByHalfAgainAndOnlyWhenNeeded() {
    RowBuffer buffer = RowBuffer.matrix(backend, 2);
    buffer.reserve(10);
    buffer.reserve(8);
    assertThat(buffer.capacity()).isEqualTo(10);
    buffer.reserve(11);
    assertThat(buffer.capacity()).isEqualTo(15);
  }

  @Test
  void readingsShareStorage() {
    RowBuffer images = new RowBuffer(backend, n -> Shape.of(n, 2, 2, 3), n -> Shape.of(n * 4, 3));
    images.reserve(2);
    backend.fill(images.block(1, 0, 2), 5f);
    assertThat(images.first(2).shape()).isEqualTo(Shape.of(2, 2, 2, 3));
    assertThat(backend.download(images.first(2))).containsOnly(5f);
  }
}
