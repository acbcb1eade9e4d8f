/** Immutable hyperparameter records, listable and overridable as strings. */
package io.invstream.trainer.hparam;
