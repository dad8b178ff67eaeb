package io.gogoscope.examples.persistence;

import io.gogoscope.CircuitState;
import io.gogoscope.Result;
import io.gogoscope.Scope;
import io.gogoscope.Task;
import io.gogoscope.examples.persistence.ScopedInvoices.QuoteError;
import io.gogoscope.examples.persistence.ScopedInvoices.SettleError;
import io.gogoscope.examples.persistence.ScopedInvoices.TransferError;
import io.gogoscope.observe.ScopeObserver;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Two instances of a billing service ({@link Invoices}), A and B, each with a runtime on a
 * connection of its own to one store: what one locks, counts or opens, the other sees. The store
 * is an SQLite file by default; the same code runs on PostgreSQL, MariaDB or Redis by
 * configuration only ({@link StoreSettings}):
 *
 * <pre>
 * mvn -q -B -DskipTests -Pexamples -pl examples -am verify \
 *     -Dexamples.main=io.gogoscope.examples.persistence.PersistenceExample -Dgogoscope.store=postgres
 * </pre>
 */
public final class PersistenceExample {
  private final ExampleStores stores;
  private final PrintStream out;
  private final SimulatedBilling billingA = new SimulatedBilling("A", false);
  private final SimulatedBilling billingB = new SimulatedBilling("B", true);
  private final BankCircuitWatch watchB = new BankCircuitWatch();
  private final ScopedInvoices a;
  private final ScopedInvoices b;

  PersistenceExample(ExampleStores stores, PrintStream out) {
    this.stores = stores;
    this.out = out;
    this.a = ScopedInvoices.of(billingA, stores.newInstance().build());
    this.b = ScopedInvoices.of(billingB, stores.newInstance().observer(watchB).build());
  }

  /** Runs the example on the store the {@code gogoscope.store*} system properties name. */
  public static void main(String[] args) throws InterruptedException {
    try (ExampleStores stores = ExampleStores.fromSystemProperties()) {
      new PersistenceExample(stores, System.out).run();
    }
  }

  void run() throws InterruptedException {
    out.println("store: " + stores.description() + "; instances A and B, each on a connection of its own");
    oneHolderPerInvoice();
    quotesCountedAcrossInstances();
    aBreakerBothInstancesShare();
    out.println("what the store holds now:");
    stores.contents().forEach(line -> out.println("   " + line));
  }

  /** A holds invoice 17's lock while its bank confirms; B is turned away from 17 but not from 18. */
  private void oneHolderPerInvoice() throws InterruptedException {
    out.println("1. @DistributedLock(key = \"invoice:{invoiceId}\"): one instance at a time per invoice");
    try (Scope scope = Scope.open("instance-a")) {
      Task<SettleError, String> settling = a.settle(scope, "inv-17");
      if (!billingA.awaitSettling()) {
        out.println("   A settle(inv-17) -> " + describeSettlement(settling.join()));
        return;
      }
      out.println("   A settle(inv-17) holds invoice:inv-17 until its bank confirms");
      out.println("   B settle(inv-17) -> " + describeSettlement(b.settle("inv-17")));
      out.println("   B settle(inv-18) -> " + describeSettlement(b.settle("inv-18")));
      billingA.confirm();
      out.println("   A settle(inv-17) -> " + describeSettlement(settling.join()));
    }
  }

  /** Three quotes per customer and minute, whichever instance answers. */
  private void quotesCountedAcrossInstances() {
    out.println("2. @RateLimit(key = \"customer:{customerId}\", limit = 3, window = \"1m\"), counted across instances");
    out.println("   A quote(acme) -> " + describeQuote(a.quote("acme", 12_000)));
    out.println("   B quote(acme) -> " + describeQuote(b.quote("acme", 11_500)));
    out.println("   A quote(acme) -> " + describeQuote(a.quote("acme", 11_900)));
    out.println("   B quote(acme) -> " + describeQuote(b.quote("acme", 11_000)));
    out.println("   B quote(globex) -> " + describeQuote(b.quote("globex", 4_200)));
  }

  /** A's bank is down: two failures open the breaker, and B refuses without calling its bank. */
  private void aBreakerBothInstancesShare() throws InterruptedException {
    out.println("3. @CircuitBreaker(name = \"bank\", failureThreshold = 2, shared = true): opened by A, open in B");
    billingA.bankDown(true);
    for (int attempt = 0; attempt < 3; attempt++) {
      out.println("   A transfer(inv-17) -> " + describeTransfer(a.transfer("inv-17", 12_000)));
    }
    if (watchB.awaitOpen(Duration.ofSeconds(10))) {
      out.println("   B heard from the store: circuit bank CLOSED -> OPEN");
    } else {
      out.println("   B has not heard of the change within 10 s");
    }
    out.println("   B transfer(inv-18) -> " + describeTransfer(b.transfer("inv-18", 4_200))
        + " (B's bank calls: " + billingB.bankCalls() + ")");
  }

  static String describeSettlement(Result<SettleError, String> result) {
    return switch (result) {
      case Result.Ok(var settled) -> settled;
      case Result.Err(SettleError.LockUnavailable locked) -> locked.key() + " is held by another instance, try later";
      case Result.Err(SettleError.Cancelled cancelled) -> "cancelled: " + cancelled.reason();
      case Result.Err(SettleError.Unexpected unexpected) -> "failed: " + unexpected.cause();
    };
  }

  static String describeQuote(Result<QuoteError, String> result) {
    return switch (result) {
      case Result.Ok(var quote) -> quote;
      case Result.Err(QuoteError.RateLimited limited) -> "rate limited, retry in " + roundUpToSeconds(limited.retryAfter()) + " s";
      case Result.Err(QuoteError.Cancelled cancelled) -> "cancelled: " + cancelled.reason();
      case Result.Err(QuoteError.Unexpected unexpected) -> "failed: " + unexpected.cause();
    };
  }

  static String describeTransfer(Result<TransferError, String> result) {
    return switch (result) {
      case Result.Ok(var transferred) -> transferred;
      case Result.Err(TransferError.BankUnavailable down) -> "bank unavailable: " + down.cause().getMessage();
      case Result.Err(TransferError.CircuitOpen open) -> "circuit " + open.name() + " is open, not sent";
      case Result.Err(TransferError.Cancelled cancelled) -> "cancelled: " + cancelled.reason();
      case Result.Err(TransferError.Unexpected unexpected) -> "failed: " + unexpected.cause();
    };
  }

  private static long roundUpToSeconds(Duration duration) {
    return (duration.toMillis() + 999) / 1_000;
  }

  /** Hears, on B's runtime, when the bank's breaker opens (a change B learns from the store). */
  private static final class BankCircuitWatch implements ScopeObserver {
    private final CountDownLatch opened = new CountDownLatch(1);

    @Override
    public void circuitStateChanged(String name, CircuitState from, CircuitState to) {
      if (name.equals("bank") && to == CircuitState.OPEN) {
        opened.countDown();
      }
    }

    boolean awaitOpen(Duration patience) throws InterruptedException {
      return opened.await(patience.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
