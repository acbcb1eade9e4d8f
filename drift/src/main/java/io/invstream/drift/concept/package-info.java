/** Concept-drift detectors on a stream of per-example losses: ADWIN and the Page–Hinkley test. */
package io.invstream.drift.concept;
