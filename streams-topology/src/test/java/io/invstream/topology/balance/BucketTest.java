package io.invstream.topology.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.invstream.topology.TestExamples;
import io.invstream.topology.state.BucketHeader;
import io.invstream.topology.state.BucketKey;
import io.invstream.topology.state.BufferedExample;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketTest {

  private static final BucketKey KEY = new BucketKey("a", 0);

  private static BufferedExample held(long sequence) {
    return new BufferedExample(sequence, 0, 100 + sequence, sequence * 10, new byte[] {1},
        TestExamples.example("a", "a" + sequence, 0, 0));
  }

  @Test
  void slotsAreReusedInPlaceAndOnlyTheHeadMoves() {
    Bucket bucket = new Bucket(KEY, 3);
    for (int i = 0; i < 3; i++) {
      bucket.add(held(i));
    }
    assertThat(bucket.isFull()).isTrue();
    assertThat(bucket.take(2)).extracting(BufferedExample::sequence).containsExactly(0L, 1L);
    assertThat(bucket.header()).isEqualTo(new BucketHeader(2, 3));
    assertThat(bucket.slotOf(3)).as("sequence 3 overwrites the consumed slot 0").isZero();
  }

  @Test
  void restoringIgnoresConsumedAndStaleSlotsAndDuplicateCopies() {
    // Capacity 3, head 4: slot 0 holds 3 (consumed), slot 1 holds 4, slot 2 holds 5; a stale copy of 4
    // survives at an old position after a resize.
    Bucket bucket = Bucket.restore(KEY, new BucketHeader(4, 3), List.of(held(3), held(4), held(5), held(4)));

    assertThat(bucket.held()).extracting(BufferedExample::sequence).containsExactly(4L, 5L);
    assertThat(bucket.nextSequence()).isEqualTo(6);
    assertThat(bucket.seen()).isEqualTo(6);
    assertThat(bucket.lastSeen()).isEqualTo(50);
  }

  @Test
  void aFullyConsumedBucketResumesItsSequence() {
    Bucket bucket = Bucket.restore(KEY, new BucketHeader(6, 3), List.of(held(3), held(4), held(5)));
    assertThat(bucket.size()).isZero();
    assertThat(bucket.nextSequence()).isEqualTo(6);
  }

  @Test
  void resizingNeverDropsHeldExamples() {
    Bucket bucket = new Bucket(KEY, 4);
    for (int i = 0; i < 4; i++) {
      bucket.add(held(i));
    }
    assertThat(bucket.resize(2)).as("four are held: the capacity cannot shrink below them").isFalse();
    assertThat(bucket.capacity()).isEqualTo(4);
    bucket.take(3);
    assertThat(bucket.resize(2)).isTrue();
    assertThat(bucket.capacity()).isEqualTo(2);
    assertThat(bucket.held()).extracting(BufferedExample::sequence).containsExactly(3L);
    assertThat(bucket.resize(8)).isTrue();
    assertThat(bucket.capacity()).isEqualTo(8);
  }
}
