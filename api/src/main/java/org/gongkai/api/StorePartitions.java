package org.gongkai.api;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;

/**
 * The store partition that holds a key, asked of the streams once per key. A key's partition
 * depends only on the key and on the partition count of the store's input topics, which a
 * running application keeps; which instance owns the partition does change, and is not kept
 * here ({@link InstanceRouter}). A town or region code is checked against the registry before it
 * gets here, so this holds at most one number per town and region.
 */
final class StorePartitions {
  private final KafkaStreams streams;
  private final Map<String, Map<String, Integer>> byStore = new ConcurrentHashMap<>();

  StorePartitions(KafkaStreams streams) {
    this.streams = streams;
  }

  /** The key's partition, or empty while the streams do not know it yet (before their first assignment). */
  OptionalInt of(String store, String key) {
    Map<String, Integer> partitions = byStore.computeIfAbsent(store, name -> new ConcurrentHashMap<>());
    Integer known = partitions.get(key);
    if (known != null) {
      return OptionalInt.of(known);
    }
    KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
    if (metadata == null || metadata.partition() < 0) {
      return OptionalInt.empty();
    }
    partitions.put(key, metadata.partition());
    return OptionalInt.of(metadata.partition());
  }
}
