package org.gongkai.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one serde for Avro records on Kafka: Avro single-object encoding (a 10-byte header with
 * the writer schema's fingerprint, then the binary body). Older writer schemas are resolved
 * through a {@link SchemaStore}, so a schema evolved with defaulted fields still reads old
 * bytes. A registry-backed serde can replace this class without touching its callers.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  static {
    TrustedPackages.install();
  }

  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  /**
   * @param readerSchema the schema of {@code T}
   * @param olderWriterSchemas schemas that earlier producers may have written with
   */
  public AvroSerde(Schema readerSchema, List<Schema> olderWriterSchemas) {
    SpecificData model = SpecificData.getForSchema(readerSchema);
    SchemaStore.Cache store = new SchemaStore.Cache();
    olderWriterSchemas.forEach(store::addSchema);
    this.encoder = new BinaryMessageEncoder<>(model, readerSchema);
    this.decoder = new BinaryMessageDecoder<>(model, readerSchema, store);
  }

  public AvroSerde(Schema readerSchema) {
    this(readerSchema, List.of());
  }

  /** Encodes a record; never returns null for a non-null record. */
  public byte[] encode(T record) {
    if (record == null) {
      return null;
    }
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Decodes bytes written by this schema or a known older one.
   *
   * @throws SerializationException with a message a person understands when the bytes are not
   *     a single-object encoded record of a known schema
   */
  public T decode(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return decoder.decode(bytes);
    } catch (org.apache.avro.message.MissingSchemaException e) {
      throw new SerializationException("unknown Avro schema fingerprint: " + e.getMessage(), e);
    } catch (org.apache.avro.message.BadHeaderException e) {
      throw new SerializationException("not Avro single-object encoding: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("undecodable Avro body: " + e, e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, record) -> encode(record);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> decode(bytes);
  }
}
