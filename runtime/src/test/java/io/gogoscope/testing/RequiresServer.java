package io.gogoscope.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs a server on a TCP port (Redis, PostgreSQL, MariaDB). Before the
 * class's first test the port is probed: when nothing answers, the tests are skipped with a message
 * naming the server, or fail with that message when the environment variable {@code CI} is
 * {@code true} (CI starts every server, so a missing one there is a broken build, not a skip).
 *
 * <pre>{@code
 * @RequiresServer(name = "Redis", port = 6379)
 * class RedisLockProviderContractTest extends LockProviderContract { ... }
 * }</pre>
 *
 * <p>Repeat the annotation for a class that needs several servers.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(RequiresServer.List.class)
@ExtendWith(RequiresServerExtension.class)
public @interface RequiresServer {

  /** The server's name in the message, e.g. {@code "Redis"}. */
  String name();

  /** The host to probe. */
  String host() default "127.0.0.1";

  /** The TCP port to probe. */
  int port();

  /** Holds repeated {@link RequiresServer} annotations. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @ExtendWith(RequiresServerExtension.class)
  @interface List {
    /** The repeated annotations. */
    RequiresServer[] value();
  }
}
