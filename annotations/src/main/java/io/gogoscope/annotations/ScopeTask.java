package io.gogoscope.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface (every abstract method becomes a task) or one interface method as a gogoscope
 * task. gogoscope's annotation processor then writes {@code Scoped<Name>} beside the interface: for
 * each task a method that returns a {@code Result} with a sealed error union instead of throwing,
 * and a variant that forks the call into a {@code Scope}.
 *
 * <pre>{@code
 * @ScopeTask(name = "users", timeout = "5s")
 * public interface UserService {
 *   User fetchUser(String id) throws IOException;
 * }
 *
 * ScopedUserService users = ScopedUserService.of(new JdbcUserService(db), runtime);
 * Result<ScopedUserService.FetchUserError, User> user = users.fetchUser("42");
 * }</pre>
 *
 * <p>Task names (span and metric names, and the default lock and rate-limit key): a method-level
 * {@code name} is used as it is; otherwise a method's task name is the interface's name (its
 * {@code name}, or the interface's simple name) and the method name joined by a dot, as
 * {@code users.fetchUser}.
 *
 * <p>Default methods stay plain delegations unless they carry this or a policy annotation. Each
 * policy annotation ({@link Retry}, {@link Timeout}, {@link DistributedLock}, {@link CircuitBreaker},
 * {@link RateLimit}) may only appear on a task method.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ScopeTask {

  /**
   * The task name; empty for the default (see the type's documentation). Must not be blank when
   * given.
   */
  String name() default "";

  /**
   * A timeout for the whole call, retries included, such as {@code "5s"}; empty for none. On an
   * interface it applies to each task method that has no {@link Timeout} of its own; on a method it
   * is shorthand for {@code @Timeout(overall = ...)} and may not be combined with {@link Timeout}.
   * Durations are written {@code "250ms"}, {@code "2s"}, {@code "1m"}, {@code "1h"}, or in ISO-8601
   * ({@code "PT2S"}).
   */
  String timeout() default "";
}
