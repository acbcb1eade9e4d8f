/** The Kafka trainer: consumes balanced batches, trains, and publishes metrics and model updates exactly once. */
package io.invstream.trainer.service;
