package io.invstream.schemas.validation;

/**
 * Why a record was refused.
 *
 * @param reason the stable code, counted in metrics
 * @param message what is wrong, for humans
 */
public record Rejection(RejectReason reason, String message) {}
