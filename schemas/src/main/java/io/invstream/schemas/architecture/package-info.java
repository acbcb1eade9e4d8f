/** The architecture strings of model updates: one grammar for the trainer that writes them and the clients that read them. */
package io.invstream.schemas.architecture;
