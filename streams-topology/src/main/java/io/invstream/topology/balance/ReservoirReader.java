package io.invstream.topology.balance;

import io.invstream.schemas.Example;
import io.invstream.topology.state.BucketKey;

/** Reads one reservoir entry of a bucket. */
@FunctionalInterface
interface ReservoirReader {

  /** The example at {@code index} of {@code bucket}'s reservoir. */
  Example read(BucketKey bucket, int index);
}
