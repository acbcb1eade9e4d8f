package io.invstream.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class a real Kafka cluster: inject {@link KafkaCluster} as a test or lifecycle
 * method parameter. One cluster serves the whole test JVM; use {@link TestTopics} for unique names.
 *
 * <p>Which cluster: Testcontainers' {@code apache/kafka} where a Docker engine answers, else the
 * embedded KRaft broker. {@code -Dinvstream.test.kafka=embedded|container} forces one.
 * {@link #dedicated()} starts a broker of the class's own (always embedded), for tests that restart it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KafkaClusterExtension.class)
public @interface RealKafka {

  /** True for a broker of this class's own, which tests may restart. */
  boolean dedicated() default false;
}
