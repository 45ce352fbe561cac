package org.gongkai.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanStopTest {
  @TempDir
  Path dir;

  @Test
  void shouldDeleteTheLocalStateAfterARunThatDidNotStopCleanly() throws Exception {
    Path store = Files.createDirectories(dir.resolve("gongkai").resolve("0_1").resolve("rocksdb"));
    Files.writeString(store.resolve("data"), "x");

    CleanStop.prepare(dir, "gongkai");

    assertFalse(Files.exists(dir.resolve("gongkai")), "a crashed run's state is not trusted");
  }

  @Test
  void shouldKeepTheLocalStateAfterACleanStopAndTakeTheMarkerAway() throws Exception {
    Path store = Files.createDirectories(dir.resolve("gongkai").resolve("0_1"));
    CleanStop.mark(dir);

    CleanStop.prepare(dir, "gongkai");

    assertTrue(Files.isDirectory(store), "a cleanly stopped run's state is kept");
    assertFalse(Files.exists(dir.resolve(CleanStop.MARKER)), "the next crash must not look clean");
    CleanStop.prepare(dir, "gongkai");
    assertFalse(Files.exists(dir.resolve("gongkai")), "without a new clean stop, the state goes");
  }

  @Test
  void shouldStartOnAnEmptyFolder() {
    CleanStop.prepare(dir.resolve("new"), "gongkai");
    assertFalse(Files.exists(dir.resolve("new").resolve("gongkai")));
  }
}
