/**
 * The training step: input batches, the {@link io.invstream.trainer.step.Trainer} that runs the
 * pipeline, and the immutable reports it returns.
 */
package io.invstream.trainer.step;
