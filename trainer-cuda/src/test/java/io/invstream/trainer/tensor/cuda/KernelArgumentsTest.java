package io.invstream.trainer.tensor.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The {@code void**} argument block: values where the pointers say, and mismatches refused. */
class KernelArgumentsTest {

  @Test
  void eachPointerAddressesItsValue() {
    try (Arena arena = Arena.ofConfined()) {
      KernelArguments args = new KernelArguments(arena);
      MemorySegment pointers = args.write(Kernel.AXPY, 7, 0.5f, 0x1000L, 0x2000L);
      assertThat(pointers.getAtIndex(ADDRESS, 0).reinterpret(4).get(JAVA_INT, 0)).isEqualTo(7);
      assertThat(pointers.getAtIndex(ADDRESS, 1).reinterpret(4).get(JAVA_FLOAT, 0)).isEqualTo(0.5f);
      assertThat(pointers.getAtIndex(ADDRESS, 2).reinterpret(8).get(JAVA_LONG, 0)).isEqualTo(0x1000L);
      assertThat(pointers.getAtIndex(ADDRESS, 3).reinterpret(8).get(JAVA_LONG, 0)).isEqualTo(0x2000L);
    }
  }

  @Test
  void coefficientsTravelByValue() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pointers = new KernelArguments(arena)
          .write(Kernel.LINEAR_COMBINATION, 10, 0, 3, new float[] {1, 2, 3}, 0x10L, 0, 0x20L);
      MemorySegment c = pointers.getAtIndex(ADDRESS, 3).reinterpret(128);
      assertThat(c.getAtIndex(JAVA_FLOAT, 0)).isEqualTo(1f);
      assertThat(c.getAtIndex(JAVA_FLOAT, 2)).isEqualTo(3f);
      assertThat(pointers.getAtIndex(ADDRESS, 6).reinterpret(8).get(JAVA_LONG, 0)).isEqualTo(0x20L);
    }
  }

  @Test
  void refusesWrongCountsAndKinds() {
    try (Arena arena = Arena.ofConfined()) {
      KernelArguments args = new KernelArguments(arena);
      assertThatThrownBy(() -> args.write(Kernel.SCALE, 1, 2f))
          .hasMessage("scale_f32 takes 3 arguments, got 2");
      assertThatThrownBy(() -> args.write(Kernel.SCALE, 1, 2.0, 0L))
          .hasMessage("scale_f32 argument 1 must be Float, got Double");
      assertThatThrownBy(() -> args.write(Kernel.SCALE, 1, 2f, 0))
          .hasMessage("scale_f32 argument 2 must be Long, got Integer");
      assertThatThrownBy(() -> args.write(Kernel.LINEAR_COMBINATION, 1, 0, 33, new float[33], 0L, 0, 0L))
          .hasMessage("linear_combination_f32 takes at most 32 coefficients");
    }
  }

  @Test
  void gridSizes() {
    assertThat(KernelLauncher.blocksFor(0)).isEqualTo(1);
    assertThat(KernelLauncher.blocksFor(256)).isEqualTo(1);
    assertThat(KernelLauncher.blocksFor(257)).isEqualTo(2);
    assertThat(KernelLauncher.blocksFor(10_000_000)).isEqualTo(KernelLauncher.MAX_BLOCKS);
  }
}
