package io.gogoscope.processor.writing;

import io.gogoscope.processor.model.InterfaceModel;
import io.gogoscope.processor.model.TaskModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the task index of a validated interface, the resource
 * {@code META-INF/gogoscope/tasks/<binary name>}: a line per task with its name and its policies,
 * tab-separated, the circuit breaker as {@code circuit-breaker=<name>}. The runtime reads it to
 * reject a configuration override that names no task, or a policy its task does not have, when
 * the {@code ScopeRuntime} is built. Policies are listed in a fixed order and tasks in the
 * interface's order, so the same input gives a byte-identical file.
 */
public final class IndexWriter {
  /** The folder of the index files in the class output. */
  public static final String FOLDER = "META-INF/gogoscope/tasks/";

  /** The index file's path for the interface whose binary name is {@code binaryName}. */
  public static String path(String binaryName) {
    return FOLDER + binaryName;
  }

  /** The index file of {@code model}, whose binary name is {@code binaryName}. */
  public String write(InterfaceModel model, String binaryName) {
    StringBuilder out = new StringBuilder()
        .append("# gogoscope task index of ").append(binaryName).append(", written by ")
        .append(ScopedWriter.GENERATOR).append(".\n")
        .append("# A line per task: its name, then its policies, tab-separated. ScopeRuntime checks\n")
        .append("# configuration overrides (gogoscope.tasks.\"<task>\".<policy>.<setting>) against it.\n");
    for (TaskModel task : model.tasks()) {
      List<String> fields = new ArrayList<>();
      fields.add(task.taskName());
      task.method().retry().ifPresent(retry -> fields.add("retry"));
      if (task.hasTimeout()) {
        fields.add("timeout");
      }
      task.breakerName().ifPresent(breaker -> fields.add("circuit-breaker=" + breaker));
      task.method().rateLimit().ifPresent(limit -> fields.add("rate-limit"));
      task.method().lock().ifPresent(lock -> fields.add("distributed-lock"));
      task.bulkhead().ifPresent(bulkhead -> fields.add("bulkhead")); // the method's, else the interface's
      out.append(String.join("\t", fields)).append('\n');
    }
    return out.toString();
  }
}
