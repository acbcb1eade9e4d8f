package io.invstream.client;

/**
 * What a subscriber has done so far.
 *
 * @param currentVersion version being served, -1 before the first
 * @param applied versions swapped in
 * @param rejected updates refused (incomplete, inconsistent, unknown architecture, NaN/Inf, undecodable)
 * @param ignored records passed over on purpose: versions not newer than the one served, checkpoints,
 *     incomplete versions superseded by a newer one
 */
public record SubscriberStats(long currentVersion, long applied, long rejected, long ignored) {}
