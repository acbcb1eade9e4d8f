/**
 * Fixed-memory summaries of one feature's values: bin edges learned from a small calibration sample,
 * and histograms that keep per-bin counts and sums plus the window's moments and range.
 */
package io.invstream.drift.sketch;
