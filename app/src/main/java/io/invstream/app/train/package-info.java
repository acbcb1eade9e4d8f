/** {@code invstream train}: the Kafka trainer as a process, with the live page; and the training options shared with demo and replay. */
package io.invstream.app.train;
