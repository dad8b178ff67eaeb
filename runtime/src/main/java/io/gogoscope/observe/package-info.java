/**
 * The observation contract: a {@link io.gogoscope.observe.ScopeObserver} is told when scopes and
 * tasks start and end ({@link io.gogoscope.observe.ScopeInfo}, {@link io.gogoscope.observe.TaskInfo}
 * with its {@link io.gogoscope.observe.TaskInfo.TaskAttributes}), and may make its context current
 * on the task's thread ({@link io.gogoscope.observe.Restore}).
 *
 * <p>Used by: users who write an observer or name a hand-written task's attributes, the observers
 * in {@link io.gogoscope.observe.micrometer} and {@link io.gogoscope.observe.otel}, and generated
 * code (span attributes of {@code @SpanAttribute} parameters).
 */
package io.gogoscope.observe;
