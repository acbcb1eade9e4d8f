/**
 * The per-environment drift monitor: reference and current windows of every feature, the loss
 * detectors, and the level-change filter that turns evaluations into {@link io.invstream.drift.DriftEvent}s.
 */
package io.invstream.drift.monitor;
