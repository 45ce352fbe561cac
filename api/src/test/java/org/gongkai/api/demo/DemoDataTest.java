package org.gongkai.api.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gongkai.streams.registry.DivisionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a data dir says of the demo history: to load, loaded already, or left out (--no-demo). */
class DemoDataTest {
  private static final DivisionRegistry REGISTRY = DivisionRegistry.load();

  @Test
  void shouldLeaveTheDemoOutWhenNoDemoIsAskedOnAFreshDataDir(@TempDir Path dir) {
    assertNull(DemoData.of(dir, true, REGISTRY).summary());
  }

  @Test
  void shouldAnnounceTheDemoWhenAFreshDataDirIsToLoadIt(@TempDir Path dir) {
    assertEquals(DemoHistory.of(REGISTRY).summary(), DemoData.of(dir, false, REGISTRY).summary());
  }

  @Test
  void shouldStillAnnounceTheDemoWhenTheDataDirHoldsItAndNoDemoIsAsked(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(DemoData.MARKER),
        "{\"province\":\"36\",\"name\":\"江西省\",\"first_year\":2019,\"last_year\":2024,\"towns\":1766}");
    assertEquals(new DemoHistory.Summary("36", "江西省", 2019, 2024, 1766), DemoData.of(dir, true, REGISTRY).summary());
  }
}
