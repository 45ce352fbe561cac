package org.gongkai.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the last run on a state folder stopped cleanly. After a crash, exactly-once Kafka
 * Streams cannot trust a store without a checkpoint and rebuilds it from its changelog anyway;
 * it does so task by task as they are found corrupted, and in that window an active task has
 * been seen answering queries from an emptied store (the cluster drill: a town's report served,
 * then 404). So after a crash the application's local state is deleted before the streams start,
 * and every task is restored from its changelog before it is queried or processes an event.
 */
final class CleanStop {
  private static final Logger LOG = LoggerFactory.getLogger(CleanStop.class);
  static final String MARKER = ".gongkai-stopped-cleanly";

  private CleanStop() {}

  /**
   * Before the streams start: deletes the application's local state unless the last run on it
   * stopped cleanly; either way the marker is taken away, to be written again at a clean stop.
   */
  static void prepare(Path stateDir, String applicationId) {
    Path marker = stateDir.resolve(MARKER);
    Path state = stateDir.resolve(applicationId);
    try {
      boolean clean = Files.deleteIfExists(marker);
      if (!clean && Files.isDirectory(state)) {
        LOG.warn("the last run on {} did not stop cleanly: deleting its local state, restored from the changelogs", state);
        Utils.delete(state.toFile());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the state folder " + stateDir, e);
    }
  }

  /** After the streams closed within their timeout. */
  static void mark(Path stateDir) {
    try {
      Files.createDirectories(stateDir);
      Files.writeString(stateDir.resolve(MARKER), "");
    } catch (IOException e) {
      LOG.warn("cannot mark {} as stopped cleanly; the next start restores from the changelogs", stateDir, e);
    }
  }
}
