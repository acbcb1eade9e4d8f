/**
 * Two-window data-drift statistics (PSI, Kolmogorov–Smirnov, Wasserstein-1) computed from
 * {@link io.invstream.drift.sketch.Histogram} summaries, never from raw values.
 */
package io.invstream.drift.data;
