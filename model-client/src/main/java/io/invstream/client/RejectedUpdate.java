package io.invstream.client;

/**
 * A model update the subscriber refused; the model being served stays.
 *
 * @param modelName the model followed
 * @param version the refused version, or -1 when the record could not even be decoded
 * @param reason what was wrong, e.g. {@code chunk 2 of 3 ... is missing}
 */
public record RejectedUpdate(String modelName, long version, String reason) {}
