package io.gogoscope.processor.contract;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The implementation behind each instance in {@link GeneratedStorePoliciesContract}: it runs the
 * work it is given and counts the calls that reach it, so a test can tell a refused call (never
 * made) from one that ran.
 */
final class Desk implements OrderDesk {
  final AtomicInteger searches = new AtomicInteger();
  final AtomicInteger payments = new AtomicInteger();
  volatile boolean providerDown;

  @Override
  public String place(String orderId, Supplier<String> work) {
    return work.get();
  }

  @Override
  public String post(String account, Supplier<String> work) {
    return work.get();
  }

  @Override
  public String runJob(String job, Supplier<String> work) {
    return work.get();
  }

  @Override
  public String lockPair(String a, String b, Supplier<String> work) {
    return work.get();
  }

  @Override
  public String tick(String job, Supplier<String> work) {
    return work.get();
  }

  @Override
  public String countPair(String a, String b) {
    return "counted";
  }

  @Override
  public String lockNamed(String name, Supplier<String> work) {
    return work.get();
  }

  @Override
  public String countNamed(String name) {
    return "counted";
  }

  @Override
  public String quote(String symbol) {
    return "quote " + symbol;
  }

  @Override
  public String search(User user, String query) {
    searches.incrementAndGet();
    return query + " for " + user.id();
  }

  @Override
  public String pay(String orderId) throws IOException {
    payments.incrementAndGet();
    if (providerDown) {
      throw new IOException("payment provider down");
    }
    return "paid " + orderId;
  }
}
