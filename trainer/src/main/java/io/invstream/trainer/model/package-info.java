/**
 * Models with hand-written backward passes (logistic regression, MLP, small CNN), their immutable
 * specs, and the tapes that hold one pass's activations.
 */
package io.invstream.trainer.model;
