package io.gogoscope.processor.behaviour;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An inventory whose failures tests script, counting every call. */
final class FakeInventory implements Inventory, Warehouse {
  final AtomicInteger reserveCalls = new AtomicInteger();
  final CountDownLatch blocking = new CountDownLatch(1);
  volatile int ioFailuresBeforeSuccess;
  volatile boolean outOfStock;

  @Override
  public int reserve(String sku) throws IOException, OutOfStockException {
    int call = reserveCalls.incrementAndGet();
    if (outOfStock) {
      throw new OutOfStockException(sku);
    }
    if (call <= ioFailuresBeforeSuccess) {
      throw new IOException("flaky disk, call " + call);
    }
    return call;
  }

  @Override
  public String slow(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return "done";
  }

  @Override
  public String fail(RuntimeException failure) {
    throw failure;
  }

  @Override
  public void crash(Error error) {
    throw error;
  }

  @Override
  public int meet(CyclicBarrier barrier) throws Exception {
    return barrier.await(5, TimeUnit.SECONDS);
  }

  @Override
  public String echo(String sku) {
    return sku;
  }

  @Override
  public String block() throws InterruptedException {
    blocking.countDown();
    new CountDownLatch(1).await();
    return "never";
  }
}
