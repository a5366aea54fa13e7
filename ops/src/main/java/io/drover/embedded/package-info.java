/**
 * The embedded mode's servers, started in this JVM: {@link io.drover.embedded.EmbeddedKafka} is
 * a single-node Kafka broker in KRaft mode on 127.0.0.1, behind {@code drover broker} and the
 * tests' shared broker, and meant for {@code drover run} without an external Kafka.
 */
package io.drover.embedded;
