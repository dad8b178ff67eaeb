package io.gogoscope.processor.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.CircuitState;
import io.gogoscope.Result;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.policy.CircuitBreaker;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Generated code classifies failures for its breaker and refuses attempts its bulkhead has no slot for. */
@Timeout(60)
class PolicyBehaviourTest {
  private final ScopeRuntime runtime = ScopeRuntime.builder().build();
  private final ScopedCheckout checkout = ScopedCheckout.of(new Checkout() {
    @Override
    public String pay(java.util.concurrent.Callable<String> gateway) throws Checkout.CardDeclinedException, IOException {
      try {
        return gateway.call();
      } catch (Checkout.CardDeclinedException | IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String render(java.util.concurrent.Callable<String> body) {
      try {
        return body.call();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }, runtime);

  private CircuitBreaker breaker() {
    return runtime.circuitBreaker("card-gateway", CircuitBreaker.Config.failureThreshold(2, 2, Duration.ofSeconds(30)));
  }

  @Test
  void declinedCardsAreReturnedButDoNotOpenTheBreaker() {
    for (int i = 0; i < 2; i++) {
      assertThat(checkout.pay(() -> {
        throw new Checkout.CardDeclinedException();
      })).isInstanceOfSatisfying(Result.Err.class, err ->
          assertThat(err.error()).isInstanceOf(ScopedCheckout.PayError.CardDeclined.class));
    }
    assertThat(breaker().state()).isEqualTo(CircuitState.CLOSED);
    for (int i = 0; i < 2; i++) {
      checkout.pay(() -> {
        throw new IOException("gateway down");
      });
    }
    assertThat(breaker().state()).isEqualTo(CircuitState.OPEN);
    assertThat(checkout.pay(() -> "paid")).isEqualTo(Result.err(new ScopedCheckout.PayError.CircuitOpen("card-gateway")));
  }

  @Test
  void aSecondAttemptFindsTheBulkheadFull() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Result<ScopedCheckout.RenderError, String>> first = CompletableFuture.supplyAsync(() ->
        checkout.render(() -> {
          inside.countDown();
          release.await();
          return "first";
        }));
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(checkout.render(() -> "second")).isEqualTo(Result.err(new ScopedCheckout.RenderError.BulkheadFull(1)));
    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(Result.ok("first"));
    assertThat(checkout.render(() -> "third")).isEqualTo(Result.ok("third"));
  }
}
