package io.gogoscope.processor;

import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * Writes a corpus of annotated interfaces, each with four tasks that use every policy, for
 * measuring what the processor adds to a compile (issue 6's javac-time benchmark):
 * {@code Corpus.write(dir, 100)} writes 100 interfaces (400 task methods) under
 * {@code dir/corpus/}. Run {@code main} with a directory and a count to write one from a shell.
 */
public final class Corpus {
  private Corpus() {}

  /** The source of interface number {@code index}. */
  public static String source(int index) {
    return """
        package corpus;

        import io.gogoscope.annotations.*;
        import java.io.IOException;

        @ScopeTask(name = "service%1$d", timeout = "5s")
        public interface Service%1$d {
          record Order(String id, String customer) {}

          @Retry(attempts = 3, delay = "10ms", backoff = Backoff.EXPONENTIAL, retryOn = IOException.class)
          @Timeout("1s")
          String fetch(@SpanAttribute("item.id") String id) throws IOException;

          @DistributedLock(key = "order:{order.id}", ttl = "30s")
          @RateLimit(key = "customer:{order.customer}", limit = 100, window = "1m")
          void place(Order order) throws IOException;

          @CircuitBreaker(name = "backend%1$d", failureThreshold = 5, resetTimeout = "30s")
          int count(String query, int limit);

          <T> T convert(String value, Class<T> type);
        }
        """.formatted(index);
  }

  /** {@code count} interfaces as in-memory sources. */
  public static List<JavaFileObject> sources(int count) {
    List<JavaFileObject> sources = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sources.add(JavaFileObjects.forSourceString("corpus.Service" + i, source(i)));
    }
    return sources;
  }

  /** Writes {@code count} interfaces under {@code directory/corpus/} and returns their paths. */
  public static List<Path> write(Path directory, int count) throws IOException {
    Path pkg = Files.createDirectories(directory.resolve("corpus"));
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      files.add(Files.writeString(pkg.resolve("Service" + i + ".java"), source(i)));
    }
    return files;
  }

  /** {@code Corpus <directory> <count>}. */
  public static void main(String[] args) throws IOException {
    List<Path> files = write(Paths.get(args[0]), Integer.parseInt(args[1]));
    System.out.println("wrote " + files.size() + " interfaces to " + Paths.get(args[0]).resolve("corpus"));
  }
}
