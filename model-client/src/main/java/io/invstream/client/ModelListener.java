package io.invstream.client;

import java.util.Optional;

/**
 * Observes a {@link ModelSubscriber}. Called on the subscriber's thread (or the thread that
 * started it, for the initial model), so keep it quick; an exception it throws is logged and
 * otherwise ignored.
 */
public interface ModelListener {

  /** Listens to nothing. */
  ModelListener NONE = new ModelListener() {};

  /**
   * After {@code current} replaced {@code previous} as the model being served.
   *
   * @param previous the model served before, empty for the first one
   */
  default void onSwap(Optional<ServingModel> previous, ServingModel current) {}

  /** After an update was refused; the model being served did not change. */
  default void onRejected(RejectedUpdate rejection) {}
}
