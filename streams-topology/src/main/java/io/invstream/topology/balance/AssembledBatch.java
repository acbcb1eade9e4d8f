package io.invstream.topology.balance;

import io.invstream.schemas.BalancedBatch;
import java.util.List;
import java.util.Map;

/**
 * A batch ready to send, with what the processor must persist and count.
 *
 * @param batch the message
 * @param consumed buckets whose head moved and whose header must be stored
 * @param fresh fresh examples per environment
 * @param replayed replayed examples per environment
 */
record AssembledBatch(BalancedBatch batch, List<Bucket> consumed, Map<String, Integer> fresh, Map<String, Integer> replayed) {}
