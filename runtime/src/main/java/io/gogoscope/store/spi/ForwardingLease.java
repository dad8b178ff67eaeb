package io.gogoscope.store.spi;

import io.gogoscope.store.Lease;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link Lease} that passes every call to another one: the base of lock-provider wrappers
 * (renewal, tracking, fault injection), which override only what they add.
 *
 * <p>Every method is forwarded, {@link #releaseAfter} too: a wrapper that let it fall back to
 * {@link Lease}'s default would turn a lock's minimum hold into an {@code extend} of the wrapped
 * lease, which a lease under {@link io.gogoscope.store.WatchdogLockProvider} then renews for
 * ever. A wrapper that acts on {@link #release} (stops renewing, stops tracking) usually must act
 * on {@code releaseAfter} as well. {@link #close} is {@link Lease}'s: it calls this wrapper's
 * {@code release}.
 */
public abstract class ForwardingLease implements Lease {
  private final Lease delegate;

  /** Forwards to {@code delegate}. */
  protected ForwardingLease(Lease delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The wrapped lease. */
  protected final Lease delegate() {
    return delegate;
  }

  @Override
  public String key() {
    return delegate.key();
  }

  @Override
  public long fencingToken() {
    return delegate.fencingToken();
  }

  @Override
  public boolean isValid() {
    return delegate.isValid();
  }

  @Override
  public boolean extend(Duration ttl) {
    return delegate.extend(ttl);
  }

  @Override
  public boolean release() {
    return delegate.release();
  }

  @Override
  public boolean releaseAfter(Duration delay) {
    return delegate.releaseAfter(delay);
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
