package io.gogoscope.processor.behaviour;

import io.gogoscope.annotations.DistributedLock;
import io.gogoscope.annotations.RateLimit;
import io.gogoscope.annotations.ScopeTask;
import java.util.function.Supplier;

/** A fixture whose keys substitute values of every kind, compiled through the processor ({@code ScopedKeys}). */
@ScopeTask(name = "keys")
public interface Keys {

  /** An item and who owns it. */
  record Item(Owner owner) {}

  /** An owner. */
  record Owner(String name) {}

  /** Runs {@code work} holding {@code order:{a}:{b}}. */
  @DistributedLock(key = "order:{a}:{b}", ttl = "10s")
  String two(String a, String b, Supplier<String> work);

  /** Runs {@code work} holding a key of a primitive, a {@code char} and a boxed value. */
  @DistributedLock(key = "n:{n}:{c}:{boxed}", ttl = "10s")
  String mixed(long n, char c, Integer boxed, Supplier<String> work);

  /** Runs {@code work} holding a key read along a property path. */
  @DistributedLock(key = "item/{item.owner.name}", ttl = "10s")
  String path(Item item, Supplier<String> work);

  /** One call per pair and minute. */
  @RateLimit(key = "{a}|{b}", limit = 1, window = "1m")
  String count(String a, String b);
}
