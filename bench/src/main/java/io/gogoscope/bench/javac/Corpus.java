package io.gogoscope.bench.javac;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a corpus of annotated interfaces, ten methods each, that uses every annotation the way
 * DESIGN.md shows it: plain tasks, retries with backoff, timeouts, circuit breakers, rate limits
 * and locks with key templates, declared checked exceptions, {@code void} and generic returns.
 * The same input every time, so runs compare.
 */
final class Corpus {

  static final int METHODS_PER_INTERFACE = 10;

  private Corpus() {}

  /** Writes {@code methods} annotated methods under {@code root}; returns the source files. */
  static List<Path> write(Path root, int methods) {
    if (methods <= 0 || methods % METHODS_PER_INTERFACE != 0) {
      throw new IllegalArgumentException(
          "methods must be a positive multiple of " + METHODS_PER_INTERFACE + ", was " + methods);
    }
    try {
      Path dir = Files.createDirectories(root.resolve("corpus"));
      List<Path> files = new ArrayList<>();
      files.add(write(dir.resolve("NotFoundException.java"), """
          package corpus;

          public class NotFoundException extends Exception {
            public NotFoundException(String message) {
              super(message);
            }
          }
          """));
      for (int i = 0; i < methods / METHODS_PER_INTERFACE; i++) {
        files.add(write(dir.resolve("Service" + i + ".java"), serviceSource(i)));
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the corpus under " + root, e);
    }
  }

  private static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text);
  }

  private static String serviceSource(int i) {
    return """
        package corpus;

        import io.gogoscope.annotations.Backoff;
        import io.gogoscope.annotations.CircuitBreaker;
        import io.gogoscope.annotations.DistributedLock;
        import io.gogoscope.annotations.RateLimit;
        import io.gogoscope.annotations.Retry;
        import io.gogoscope.annotations.ScopeTask;
        import io.gogoscope.annotations.SpanAttribute;
        import io.gogoscope.annotations.Timeout;
        import java.io.IOException;
        import java.util.List;

        @ScopeTask(name = "service%1$d")
        public interface Service%1$d {
          String plain(String id) throws IOException;

          @Retry(attempts = 3, delay = "100ms", backoff = Backoff.EXPONENTIAL, retryOn = IOException.class)
          @Timeout("2s")
          String fetchUser(@SpanAttribute("user.id") String id) throws IOException, NotFoundException;

          @Timeout("500ms")
          int count(String tenant) throws IOException;

          @CircuitBreaker(name = "payments%1$d", failureThreshold = 5, resetTimeout = "30s")
          long charge(String account, long cents) throws IOException;

          @RateLimit(key = "user:{userId}", limit = 100, window = "1m")
          String search(String userId, String query);

          @DistributedLock(key = "order:{orderId}", ttl = "30s")
          boolean placeOrder(String userId, String orderId) throws IOException;

          @Retry(attempts = 5, delay = "10ms", backoff = Backoff.LINEAR)
          void refresh(String key) throws IOException;

          @Timeout("1s")
          List<String> list(String prefix, int limit) throws NotFoundException;

          @Retry(attempts = 2, retryOn = IOException.class, abortOn = java.io.FileNotFoundException.class)
          byte[] read(String path) throws IOException;

          @DistributedLock(key = "account:{account}", ttl = "10s", maxWait = "1s")
          @RateLimit(key = "account:{account}", limit = 10, window = "1s")
          @CircuitBreaker(name = "ledger%1$d", failureRatio = 0.5, minimumCalls = 10, windowSize = 20)
          @Retry(attempts = 3, delay = "50ms", backoff = Backoff.DECORRELATED_JITTER, retryOn = IOException.class)
          @Timeout("3s")
          long transfer(String account, String to, long cents) throws IOException, NotFoundException;
        }
        """.formatted(i);
  }
}
