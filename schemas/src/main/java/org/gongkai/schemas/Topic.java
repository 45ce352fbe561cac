package org.gongkai.schemas;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic with everything about it: its name, the serdes of its keys and values, and the
 * class of its values, so that no other place keeps a parallel list of what a topic carries.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Class<V> valueClass) {
  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    Objects.requireNonNull(valueClass, "valueClass");
  }

  /** The value as the topic carries it on the wire. */
  public byte[] encode(V value) {
    return valueSerde.serializer().serialize(name, value);
  }

  /** The wire bytes as a value. */
  public V decode(byte[] bytes) {
    return valueSerde.deserializer().deserialize(name, bytes);
  }
}
