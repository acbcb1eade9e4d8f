/** Side-by-side timing of one training step per algorithm ({@code ./invstream bench trainer}). */
package io.invstream.trainer.bench;
