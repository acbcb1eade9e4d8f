package io.invstream.topology.balance;

import io.invstream.schemas.BatchReason;
import java.util.List;

/**
 * What one batch will hold, decided before anything is taken from the buckets.
 *
 * @param reason why the batch is cut
 * @param environments environments in the batch, sorted
 * @param missing active environments absent from it, sorted
 * @param shares per bucket: fresh examples to take and reservoir examples to replay, in batch order
 */
record CutPlan(BatchReason reason, List<String> environments, List<String> missing, List<Share> shares) {

  /** One bucket's part of the batch. */
  record Share(Bucket bucket, int fresh, int replay) {}
}
