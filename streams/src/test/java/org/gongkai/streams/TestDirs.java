package org.gongkai.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fresh temporary folders for state directories in tests. */
public final class TestDirs {
  private TestDirs() {}

  public static Path fresh(String prefix) {
    try {
      Path parent = Files.createDirectories(Path.of("target", "tmp"));
      Path dir = Files.createTempDirectory(parent, prefix);
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
