package org.gongkai.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.gongkai.streams.StoreNames;
import org.junit.jupiter.api.Test;

class StorePartitionsTest {

  @Test
  void shouldGiveThePartitionOfTheStreamsWhenAKeyIsAskedAgain() {
    KafkaStreams streams = RunningApp.get().streams();
    StorePartitions partitions = new StorePartitions(streams);
    int expected = streams.queryMetadataForKey(StoreNames.TALLIES, "360923105", Serdes.String().serializer()).partition();
    partitions.of(StoreNames.TALLIES, "360923105");
    assertEquals(OptionalInt.of(expected), partitions.of(StoreNames.TALLIES, "360923105"));
  }
}
