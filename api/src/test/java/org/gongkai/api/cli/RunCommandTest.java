package org.gongkai.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gongkai run} refuses settings that cannot work before it starts anything. */
class RunCommandTest {
  @TempDir
  Path dir;

  @Test
  void shouldRefuseNoStreamThreadsBeforeStartingABroker() {
    StringWriter err = new StringWriter();
    Path data = dir.resolve("data");
    int exit = new CommandLine(new RunCommand()).setErr(new PrintWriter(err))
        .execute("--data-dir", data.toString(), "--stream-threads", "0");

    assertEquals(2, exit, err.toString());
    assertTrue(err.toString().contains("--stream-threads must be 1 or more, was 0"), err.toString());
    assertFalse(Files.exists(data), "nothing started, no data folder made");
  }
}
