package org.gongkai.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.gongkai.events.TownEvent;
import org.gongkai.events.YearClosedEvent;
import org.junit.jupiter.api.Test;

/** Events written before ReportImported joined the envelope's union still read from gongkai.events. */
class TownEventEvolutionTest {

  @Test
  void shouldReadAnEventWrittenBeforeImportsJoinedTheEnvelope() throws Exception {
    TownEvent event = new TownEvent(new YearClosedEvent("e-1", "360923105", 2020));
    BinaryMessageEncoder<TownEvent> before =
        new BinaryMessageEncoder<>(SpecificData.getForSchema(TownEvent.getClassSchema()), Topics.townEventBeforeImports());
    ByteBuffer buffer = before.encode(event);
    byte[] bytes = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());

    assertNotEquals(SchemaNormalization.parsingFingerprint64(TownEvent.getClassSchema()),
        SchemaNormalization.parsingFingerprint64(Topics.townEventBeforeImports()), "two writer schemas");
    assertEquals(event, Topics.EVENTS.decode(bytes));
  }
}
