package io.gogoscope.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caps how many attempts of a task run at once. An attempt that finds every slot taken waits up
 * to {@link #maxWait()} for one (first come, first served), and is then not made: the call returns
 * its union's {@code BulkheadFull} variant.
 *
 * <pre>{@code
 * @Bulkhead(maxConcurrent = 10, maxWait = "100ms")
 * Report render(String id);
 * }</pre>
 *
 * <p>On an interface it applies to each of its tasks, each with its own slots (MicroProfile's
 * meaning); a method's own {@code @Bulkhead} replaces it. The slots are per instance of the
 * generated class, held per attempt (not during retry delays).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Bulkhead {

  /** Attempts that may run at once: at least 1. */
  int maxConcurrent() default 10;

  /** How long an attempt waits for a slot; zero refuses at once. */
  String maxWait() default "0s";
}
