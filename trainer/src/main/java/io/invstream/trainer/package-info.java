/** Numeric core of the invstream trainer: models, optimisers and invariant-gradient algorithms. */
package io.invstream.trainer;
