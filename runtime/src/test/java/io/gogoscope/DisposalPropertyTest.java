package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Resources are closed last-in first-out, each exactly once, and no failure is lost. */
class DisposalPropertyTest {

  @Property(tries = 200)
  void everyResourceIsClosedOnceInReverseOrderAndEveryFailureIsReported(
      @ForAll @IntRange(min = 0, max = 30) int count,
      @ForAll @Size(max = 30) Set<@IntRange(min = 0, max = 29) Integer> failing) {
    RecordingObserver observer = new RecordingObserver();
    ScopeRuntime runtime = ScopeRuntime.builder().observer(observer).build();
    List<Integer> closed = new CopyOnWriteArrayList<>();
    List<Exception> thrown = new ArrayList<>();

    Scope scope = runtime.scope("resources").open();
    for (int i = 0; i < count; i++) {
      int id = i;
      boolean fails = failing.contains(i);
      Exception failure = new Exception("resource " + id + " failed");
      if (fails) {
        thrown.add(failure);
      }
      scope.register(() -> {
        closed.add(id);
        if (fails) {
          throw failure;
        }
      });
    }
    Throwable outcome = catchThrowable(scope::close);
    catchThrowable(scope::close); // a second close disposes nothing again

    List<Integer> expectedOrder = new ArrayList<>();
    for (int i = count - 1; i >= 0; i--) {
      expectedOrder.add(i);
    }
    assertThat(closed).containsExactlyElementsOf(expectedOrder);
    assertThat(observer.events("resource registered")).hasSize(count);
    assertThat(observer.events("resource disposed")).hasSize(count);

    List<Exception> expectedFailures = thrown.reversed();
    assertThat(observer.disposalFailures).containsExactlyElementsOf(expectedFailures);
    if (expectedFailures.isEmpty()) {
      assertThat(outcome).isNull();
    } else {
      assertThat(outcome).isInstanceOf(ScopeCloseException.class);
      List<Throwable> carried = new ArrayList<>();
      carried.add(outcome.getCause());
      carried.addAll(List.of(outcome.getSuppressed()));
      assertThat(carried).containsExactlyElementsOf(expectedFailures);
      assertThat(outcome).hasMessageContaining(expectedFailures.size() + " resource(s) failed to close");
    }
  }

  @Test
  void anErrorFromOneResourceDoesNotStopTheOthersAndIsRethrown() {
    List<String> closed = new CopyOnWriteArrayList<>();
    Exception plain = new Exception("plain");
    OutOfMemoryError fatal = new OutOfMemoryError("fatal");
    Scope scope = Scope.open("s");
    scope.register(() -> {
      closed.add("first");
      throw plain;
    });
    scope.register(() -> {
      closed.add("second");
      throw fatal;
    });
    scope.register(() -> closed.add("third"));
    Throwable outcome = catchThrowable(scope::close);
    assertThat(closed).containsExactly("third", "second", "first");
    assertThat(outcome).isSameAs(fatal);
    assertThat(outcome.getSuppressed()).containsExactly(plain);
  }

  @Test
  void resourcesAreDisposedAfterTheTasksFinish() throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    CountDownLatch started = new CountDownLatch(1);
    try (Scope scope = Scope.open("s")) {
      scope.register(() -> order.add("resource closed"));
      scope.fork(() -> {
        started.countDown();
        try {
          Thread.sleep(30_000);
        } catch (InterruptedException e) {
          order.add("task cancelled");
        }
        return null;
      });
      started.await();
    }
    assertThat(order).containsExactly("task cancelled", "resource closed");
  }
}
