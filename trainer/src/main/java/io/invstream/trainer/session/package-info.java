/**
 * One training session over examples, with or without Kafka: batches of examples become trainer
 * steps, held-out environments are only evaluated, and each step becomes the published metrics and
 * model-update messages. Shared by the Kafka trainer and replay mode so both run the same code.
 */
package io.invstream.trainer.session;
