package io.gogoscope.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stops a task call that runs too long; the call then returns its union's {@code TimedOut} variant.
 * Give at least one of the two.
 *
 * <pre>{@code
 * @Retry(attempts = 3)
 * @Timeout(value = "2s", overall = "5s")   // 2 s per attempt, 5 s for the call, retries included
 * User fetchUser(String id) throws IOException;
 * }</pre>
 *
 * <p>Durations are written {@code "250ms"}, {@code "2s"}, {@code "1m"}, {@code "1h"}, or in
 * ISO-8601 ({@code "PT2S"}), and must be positive. A method's {@code @Timeout} replaces the
 * {@link ScopeTask#timeout()} of its interface.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Timeout {

  /** The timeout of each attempt; empty for none. */
  String value() default "";

  /** The timeout of the whole call, retries and their delays included; empty for none. */
  String overall() default "";
}
