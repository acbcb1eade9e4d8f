package io.invstream.trainer.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arena's bookkeeping, against a fake allocator. */
class DeviceArenaTest {

  private final List<long[]> taken = new ArrayList<>();
  private final List<Long> freed = new ArrayList<>();
  private long next = 1L << 40;

  private final DeviceArena.Allocator fake = new DeviceArena.Allocator() {
    @Override
    public long allocate(long bytes) {
      long address = next;
      next += bytes + (1L << 30);
      taken.add(new long[] {address, bytes});
      return address;
    }

    @Override
    public void free(long address) {
      freed.add(address);
    }
  };

  @Test
  void handsOutAlignedPiecesOfOneChunkUntilItIsFull() {
    DeviceArena arena = new DeviceArena(fake, 4096);
    long a = arena.allocate(4);
    long b = arena.allocate(300);
    long c = arena.allocate(1);
    assertThat(taken).hasSize(1);
    assertThat(b - a).isEqualTo(256);
    assertThat(c - b).isEqualTo(512);
    assertThat(arena.handedOutBytes()).isEqualTo(256 + 512 + 256);
    arena.allocate(4096 - 1024);
    assertThat(taken).hasSize(1);
    arena.allocate(1);
    assertThat(taken).hasSize(2);
    assertThat(arena.reservedBytes()).isEqualTo(8192);
  }

  @Test
  void aTensorLargerThanAChunkGetsAChunkOfItsOwn() {
    DeviceArena arena = new DeviceArena(fake, 4096);
    arena.allocate(10_000);
    assertThat(taken.get(0)[1]).isEqualTo(DeviceArena.alignUp(10_000));
  }

  @Test
  void closeReturnsEveryChunk() {
    DeviceArena arena = new DeviceArena(fake, 1024);
    arena.allocate(1000);
    arena.allocate(1000);
    arena.allocate(5000);
    arena.close();
    assertThat(freed).containsExactlyElementsOf(taken.stream().map(t -> t[0]).toList());
  }

  @Test
  void alignment() {
    assertThat(DeviceArena.alignUp(1)).isEqualTo(256);
    assertThat(DeviceArena.alignUp(256)).isEqualTo(256);
    assertThat(DeviceArena.alignUp(257)).isEqualTo(512);
  }
}
