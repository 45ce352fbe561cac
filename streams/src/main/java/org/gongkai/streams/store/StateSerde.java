package org.gongkai.streams.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.gongkai.schemas.AvroSerde;

/**
 * Values of several Avro record types in one store: each in Avro single-object encoding, which
 * starts with the fingerprint of its schema, so the bytes say which record they are.
 */
public final class StateSerde implements Serde<SpecificRecord> {
  private final Map<Class<?>, AvroSerde<SpecificRecord>> byClass = new HashMap<>();
  private final Map<Long, AvroSerde<SpecificRecord>> byFingerprint = new HashMap<>();

  public StateSerde(List<Schema> schemas) {
    for (Schema schema : schemas) {
      AvroSerde<SpecificRecord> serde = new AvroSerde<>(schema);
      byClass.put(SpecificData.get().getClass(schema), serde);
      byFingerprint.put(SchemaNormalization.parsingFingerprint64(schema), serde);
    }
  }

  public byte[] encode(SpecificRecord record) {
    AvroSerde<SpecificRecord> serde = byClass.get(record.getClass());
    if (serde == null) {
      throw new IllegalArgumentException("not a record of this store: " + record.getClass().getName());
    }
    return serde.encode(record);
  }

  public SpecificRecord decode(byte[] bytes) {
    if (bytes.length < 10) {
      throw new SerializationException("a state value of " + bytes.length + " bytes: shorter than its header");
    }
    long fingerprint = 0;
    for (int i = 9; i >= 2; i--) {
      fingerprint = (fingerprint << 8) | (bytes[i] & 0xFF);
    }
    AvroSerde<SpecificRecord> serde = byFingerprint.get(fingerprint);
    if (serde == null) {
      throw new SerializationException("a state value of an unknown schema (fingerprint " + Long.toHexString(fingerprint) + ")");
    }
    return serde.decode(bytes);
  }

  @Override
  public Serializer<SpecificRecord> serializer() {
    return (topic, record) -> record == null ? null : encode(record);
  }

  @Override
  public Deserializer<SpecificRecord> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }
}
