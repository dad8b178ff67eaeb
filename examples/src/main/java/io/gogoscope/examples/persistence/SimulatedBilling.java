package io.gogoscope.examples.persistence;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The implementation one instance runs, against a simulated bank. The example steers the bank:
 * it holds a settlement until told to confirm it (so another instance can arrive meanwhile), and
 * it can be down.
 */
final class SimulatedBilling implements Invoices {
  private final String instance;
  private final CountDownLatch settling = new CountDownLatch(1);
  private final CountDownLatch confirmed;
  private final AtomicInteger bankCalls = new AtomicInteger();
  private volatile boolean bankDown;

  /** An instance whose settlements wait for {@link #confirm()} when {@code bankConfirmsAtOnce} is false. */
  SimulatedBilling(String instance, boolean bankConfirmsAtOnce) {
    this.instance = instance;
    this.confirmed = new CountDownLatch(bankConfirmsAtOnce ? 0 : 1);
  }

  @Override
  public String settle(String invoiceId) {
    settling.countDown();
    try {
      if (!confirmed.await(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the bank never confirmed " + invoiceId);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while settling " + invoiceId, e);
    }
    return "settled " + invoiceId + " on " + instance;
  }

  @Override
  public String quote(String customerId, long cents) {
    return String.format("%s pays %d.%02d EUR (quoted on %s)", customerId, cents / 100, cents % 100, instance);
  }

  @Override
  public String transfer(String invoiceId, long cents) throws BankUnavailableException {
    bankCalls.incrementAndGet();
    if (bankDown) {
      throw new BankUnavailableException("the bank did not answer on " + instance);
    }
    return "transferred " + invoiceId + " on " + instance;
  }

  /** Waits until a settlement runs, that is, until its caller holds the invoice's lock. */
  boolean awaitSettling() throws InterruptedException {
    return settling.await(30, TimeUnit.SECONDS);
  }

  /** The bank confirms the settlement that waits. */
  void confirm() {
    confirmed.countDown();
  }

  /** Takes the bank down (or brings it back). */
  void bankDown(boolean down) {
    bankDown = down;
  }

  /** How many transfers reached the bank. */
  int bankCalls() {
    return bankCalls.get();
  }
}
