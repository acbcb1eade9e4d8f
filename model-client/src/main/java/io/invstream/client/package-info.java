/**
 * The model client serving code embeds: {@link io.invstream.client.ModelSubscriber} follows the
 * compacted models topic and swaps in each complete, validated, committed {@link
 * io.invstream.client.ServingModel}, which predicts in plain Java.
 */
package io.invstream.client;
