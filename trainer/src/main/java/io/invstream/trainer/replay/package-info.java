/**
 * Replay mode: the training session run over examples held in memory instead of a Kafka stream,
 * with balanced seeded batches, held-out environments that are only evaluated, a validation split
 * of each training environment for model selection, and the accuracies a run reports.
 */
package io.invstream.trainer.replay;
