package io.invstream.app.serve;

import io.invstream.client.ModelSubscriber;
import io.invstream.client.ServingModel;
import io.invstream.client.SubscriberStats;
import java.util.Optional;

/** Where the HTTP endpoints get the model to serve: a {@link ModelSubscriber} in production, a fixed model in tests. */
interface ModelSource {

  /** The model to serve now, empty until one exists. */
  Optional<ServingModel> current();

  /** Why the source stopped following new versions, if it did. */
  Optional<Throwable> failure();

  /** Counts of applied, rejected and ignored updates. */
  SubscriberStats stats();

  static ModelSource of(ModelSubscriber subscriber) {
    return new ModelSource() {
      @Override
      public Optional<ServingModel> current() {
        return subscriber.current();
      }

      @Override
      public Optional<Throwable> failure() {
        return subscriber.failure();
      }

      @Override
      public SubscriberStats stats() {
        return subscriber.stats();
      }
    };
  }
}
