package io.invstream.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.invstream.schemas.ModelRole;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServingModelTest {

  @Test
  void predictsSoftmaxProbabilitiesAndTheMostProbableClass() {
    ServingModel model = ServingModel.fromUpdate(TestUpdates.logistic("m", 3, 4, 0.25f));

    Prediction prediction = model.predict(new float[] {1, 1, 1, 1});

    assertThat(prediction.label()).isZero();
    assertThat(prediction.probability(0)).isCloseTo((float) TestUpdates.expectedProbability(4, 0.25f), within(1e-6f));
    assertThat(prediction.probability(0) + prediction.probability(1)).isCloseTo(1f, within(1e-6f));
    assertThat(model.predictAll(List.of(new float[] {1, 1, 1, 1}, new float[] {-1, -1, -1, -1})))
        .extracting(Prediction::label).containsExactly(0, 1);
  }

  @Test
  void refusesFeaturesOfTheWrongCountOrNotFinite() {
    ServingModel model = ServingModel.fromUpdate(TestUpdates.logistic("m", 3, 4, 0.25f));

    assertThatThrownBy(() -> model.predict(new float[3])).hasMessageContaining("expects 4 features, got 3");
    assertThatThrownBy(() -> model.predict(new float[] {0, Float.NaN, 0, 0})).hasMessageContaining("feature 1 is NaN");
  }

  @Test
  void refusesToServeACheckpoint() {
    assertThatThrownBy(() -> ServingModel.fromUpdate(TestUpdates.withRole(TestUpdates.logistic("m", 3, 4, 1f), ModelRole.CHECKPOINT)))
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("CHECKPOINT");
  }
}
