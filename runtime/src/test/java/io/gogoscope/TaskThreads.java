package io.gogoscope;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Counts the task threads still running, from a JVM thread dump (which lists virtual threads): the
 * threads whose stack holds {@code Task.run}. The runtime keeps no count of its own, because one
 * count written by every forking thread and every ending task thread made each fork slower. A
 * thread started but not yet run has no frames and is not counted; the tests call this after their
 * tasks ran.
 */
final class TaskThreads {
  private static final String TASK_FRAME = Task.class.getName() + ".run(";

  private TaskThreads() {}

  /** How many threads are running a task (its body, or what follows it on its thread). */
  static int live() {
    try {
      Path folder = Files.createTempDirectory("task-threads");
      Path dump = folder.resolve("threads.json"); // must not exist yet
      try {
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
        return countThreadsWithTaskFrame(Files.readString(dump));
      } finally {
        Files.deleteIfExists(dump);
        Files.delete(folder);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not dump threads", e);
    }
  }

  /** Each thread of the JSON dump starts with its {@code "tid"}; its stack follows until the next. */
  private static int countThreadsWithTaskFrame(String json) {
    String[] threads = json.split("\"tid\"");
    int count = 0;
    for (int i = 1; i < threads.length; i++) {
      if (threads[i].contains(TASK_FRAME)) {
        count++;
      }
    }
    return count;
  }
}
