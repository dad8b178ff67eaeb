package io.gogoscope.examples.persistence;

import io.gogoscope.annotations.CircuitBreaker;
import io.gogoscope.annotations.DistributedLock;
import io.gogoscope.annotations.RateLimit;
import io.gogoscope.annotations.ScopeTask;

/**
 * A billing service that runs as several instances: settling an invoice takes the invoice's lock,
 * quotes are limited per customer, and transfers go through a bank whose circuit breaker every
 * instance shares. The locks, counts and breaker state live in the runtime's stores, so every
 * instance sees them. gogoscope's processor writes {@code ScopedInvoices} beside it.
 */
@ScopeTask(name = "invoices")
public interface Invoices {

  /** Settles an invoice: one instance at a time per invoice, the others are turned away. */
  @DistributedLock(key = "invoice:{invoiceId}", ttl = "30s")
  String settle(String invoiceId);

  /** Quotes a price: three per customer and minute, however many instances answer. */
  @RateLimit(key = "customer:{customerId}", limit = 3, window = "1m")
  String quote(String customerId, long cents);

  /** Transfers money through the bank; two failures open the breaker in every instance. */
  @CircuitBreaker(name = "bank", failureThreshold = 2, resetTimeout = "30s", shared = true)
  String transfer(String invoiceId, long cents) throws BankUnavailableException;

  /** The bank did not answer. */
  final class BankUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public BankUnavailableException(String message) {
      super(message);
    }
  }
}
