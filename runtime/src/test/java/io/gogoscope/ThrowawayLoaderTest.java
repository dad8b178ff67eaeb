package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.annotations.Backoff;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An application server redeploys by dropping the application's class loader; any thread that
 * keeps running code of that loader keeps the whole loader alive (issue 10 item 7: the watchdog
 * and scope-timer threads were static and never stopped). Loads the runtime afresh in a loader of
 * its own, runs calls and scopes with timeouts, shuts the runtime down, and shows the loader is
 * collected.
 */
@Timeout(120)
class ThrowawayLoaderTest {

  @Test
  void aShutDownRuntimeLeavesNothingHoldingItsClassLoader() throws Exception {
    AtomicReference<String> outcome = new AtomicReference<>();
    WeakReference<ClassLoader> loader = runInThrowawayLoader(outcome);

    System.out.println("throwaway workload: " + outcome.get());
    // The calls' outcomes depend on the machine's load; that they ran, and the shutdown, do not.
    assertThat(outcome.get()).endsWith(
        "false false true stopped=true watchdog=false timer=false gogoscope threads=[]");
    long start = System.nanoTime();
    for (int i = 0; i < 200 && loader.get() != null; i++) {
      System.gc();
      byte[][] pressure = new byte[16][];
      for (int j = 0; j < pressure.length; j++) {
        pressure[j] = new byte[1 << 20];
      }
      Thread.sleep(50);
    }
    System.out.println("throwaway class loader collected: " + (loader.get() == null) + " after "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
    assertThat(loader.get()).as("the throwaway class loader, once the runtime is shut down").isNull();
  }

  /** Runs {@link ThrowawayWorkload} in a new loader, on a thread that ends; keeps only a weak reference. */
  private static WeakReference<ClassLoader> runInThrowawayLoader(AtomicReference<String> outcome) throws Exception {
    URL[] code = {
        Guard.class.getProtectionDomain().getCodeSource().getLocation(),
        ThrowawayWorkload.class.getProtectionDomain().getCodeSource().getLocation(),
        Backoff.class.getProtectionDomain().getCodeSource().getLocation(),
    };
    URLClassLoader throwaway = new URLClassLoader("throwaway", code, ClassLoader.getPlatformClassLoader());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread worker = Thread.ofPlatform().name("throwaway-app").unstarted(() -> {
      try {
        Class<?> workload = throwaway.loadClass(ThrowawayWorkload.class.getName());
        assertThat(workload.getClassLoader()).isSameAs(throwaway); // not the test's own copy
        Callable<?> run = (Callable<?>) workload.getConstructor().newInstance();
        outcome.set((String) run.call());
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    worker.setContextClassLoader(throwaway);
    worker.start();
    worker.join();
    if (failure.get() != null) {
      throw new AssertionError("the workload failed", failure.get());
    }
    throwaway.close();
    return new WeakReference<>(throwaway);
  }
}
