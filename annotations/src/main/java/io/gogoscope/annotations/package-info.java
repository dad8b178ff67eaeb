/**
 * The annotations users put on an interface: {@link io.gogoscope.annotations.ScopeTask} marks a
 * method the processor turns into a guarded call with a sealed error union, and the policy
 * annotations beside it ({@link io.gogoscope.annotations.Retry},
 * {@link io.gogoscope.annotations.Timeout}, {@link io.gogoscope.annotations.CircuitBreaker},
 * {@link io.gogoscope.annotations.Bulkhead}, {@link io.gogoscope.annotations.RateLimit},
 * {@link io.gogoscope.annotations.DistributedLock}, {@link io.gogoscope.annotations.SpanAttribute})
 * say what the call runs under.
 *
 * <p>Used by: users (source retention; nothing here is needed at run time).
 */
package io.gogoscope.annotations;
