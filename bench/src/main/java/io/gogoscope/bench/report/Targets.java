package io.gogoscope.bench.report;

import io.gogoscope.bench.report.Target.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The measured targets of DESIGN.md section 6, as checks on a run. */
final class Targets {

  private Targets() {}

  static List<Target> all() {
    List<Target> targets = new ArrayList<>();
    targets.add(new Target(
        "@Retry + @Timeout call that succeeds: at most a tenth of SmallRye's retry + timeout guard",
        "SuccessfulCallBenchmark", Map.of(), "gogoscope_retryTimeout", "smallrye_retryTimeout",
        Kind.RATIO, 0.10,
        "The timeout is the costly part: each call arms and disarms the caller's deadline slot on "
            + "the shared watchdog (two volatile writes and a compare-and-set when it inlines). "
            + "Compare with `retry` alone in the table below, and with the B/op column: when the "
            + "guarded call does not inline, the lambda and the Result escape and the slot's "
            + "enter/exit are real calls (see the allocation target)."));
    targets.add(new Target(
        "@Retry alone: no slower than Resilience4j's bare Retry decorator",
        "SuccessfulCallBenchmark", Map.of(), "gogoscope_retry", "resilience4j_retry",
        Kind.RATIO, 1.0,
        "Resilience4j's success path is a context object and a counter update. A miss means the "
            + "guard does more per call (observer hooks, a Result wrapper that escapes, a clock "
            + "read); the fix is a success path without them when nothing observes the call."));
    targets.add(new Target(
        "Observability off costs nothing measurable: the call skips observation (no slower than "
            + "with an observer whose every hook does nothing)",
        "ObservabilityBenchmark", Map.of(), "gogoscope_off", "gogoscope_emptyObserver",
        Kind.RATIO, 1.0,
        "With no observer configured the guard takes its plain path: one reference comparison, "
            + "then the same code as the first table's `retry`. An observer, even one that does "
            + "nothing, adds the task's observation, its timing and making it current."));
    targets.add(new Target(
        "Observed call (spans and meters on, recorded for real): at most half of Resilience4j's "
            + "Retry with its Micrometer metrics, Timer and a hand-written span (issue 15)",
        "ObservabilityBenchmark", Map.of(), "gogoscope_enabled", "resilience4j_observed",
        Kind.RATIO, 0.5,
        "Both pay the OpenTelemetry SDK's span (compare `otel` `one span around the bare call`, "
            + "the floor: ids, a SpanContext, the attribute map, the processor's onEnd). When that "
            + "span alone costs more than half the peer's observed call, the target is below what "
            + "recording the same span costs and no change in gogoscope can meet it; gogoscope's "
            + "own part is the difference between its call and that span plus `metrics`."));
    targets.add(new Target(
        "Sampled-out call close to the untraced one: at most 1.25 × the metrics-only call (issue 15)",
        "ObservabilityBenchmark", Map.of(), "gogoscope_sampledOut", "gogoscope_metrics",
        Kind.RATIO, 1.25,
        "A dropped root is still started by the SDK (its IdGenerator cannot be reached): two "
            + "random ids formatted as hex strings, a SpanContext and its wrapper, then made current "
            + "so spans inside follow the decision. `floor_sampledOutRoot` is that part alone "
            + "around the `metrics` call; gogoscope adds its observation handle on top."));
    targets.add(new Target(
        "Sampled-out call inside an unsampled request (production's shape): at most 1.25 × the "
            + "metrics-only call (issue 15)",
        "ObservabilityBenchmark", Map.of(), "gogoscope_sampledOutInRequest", "gogoscope_metrics",
        Kind.RATIO, 1.25,
        "Under an unsampled parent gogoscope asks the SDK's sampler itself, with what the SDK's "
            + "span builder would pass it, before starting a span; a span it drops is never built, "
            + "so the call adds the sampler's answer to the metrics-only call and allocates nothing "
            + "of its own; the request's span stays current."));
    targets.add(new Target(
        "Metrics-only call: no slower than Failsafe with listeners recording the same meters",
        "ObservabilityBenchmark", Map.of(), "gogoscope_metrics", "failsafe_metrics",
        Kind.RATIO, 1.0,
        "The task's meters are resolved once per guard; a call increments two counters, the "
            + "active count and records the timer (its histogram buckets), nothing else."));
    targets.add(new Target(
        "Success path allocation (aim): zero bytes per @Retry + @Timeout call",
        "SuccessfulCallBenchmark", Map.of(), "gogoscope_retryTimeout", "",
        Kind.ALLOCATION, 0.5,
        "An aim, not a hard target. The per-call lambda (24 B, the same in every variant) and the "
            + "Result.Ok (16 B) disappear only when C2 inlines the whole guarded call so escape "
            + "analysis can remove them. C2 refuses to inline a method it has already compiled "
            + "into more than InlineSmallCode (2500 B) of machine code, and `Guard.call` compiled "
            + "on its own (body included) is about 2.4 KB with a timeout: anything that grows its "
            + "success path (`Guard.attemptsOutsideScopes`, `DeadlineSlot.enterTimeout`/`exit`) "
            + "tips it over, and 40 B/op is the sign. Check with -XX:+PrintInlining ('already "
            + "compiled into a big method') and -XX:+LogCompilation (the nmethod sizes)."));
    for (String tasks : List.of("1", "10", "1000")) {
      for (String peer : List.of("virtualThreads_forkJoin", "structuredTaskScope_forkJoin")) {
        targets.add(new Target(
            "Fork/join of " + tasks + " task(s) in a Scope: no slower than "
                + (peer.startsWith("virtual") ? "raw virtual threads" : "the JDK's StructuredTaskScope"),
            "ForkJoinBenchmark", Map.of("tasks", tasks), "gogoscope_forkJoin", peer,
            Kind.RATIO, 1.0,
            "A Scope does more than start threads: each task gets a Task object, a context "
                + "object (what Scope.current(), cancellation checks and guarded calls read; "
                + "reached from the thread object, no ThreadLocal) and a Result, about 65 B more "
                + "than a raw virtual thread (the B/op column); thread names are built only with "
                + "ScopeRuntime.Builder.nameThreads(true). Forks and completions take no lock and "
                + "share no counter: ending tasks write only their own fields, and close() walks "
                + "the compare-and-set stack of tasks once, waiting as a joiner for any not yet "
                + "settled. A JFR profile at 1,000 tasks (issue 14) found the same JDK path as raw "
                + "threads (root container, no name, no inherited locals) and the carriers' CPU "
                + "equal; the forking thread spends about 40 % more, spread thin: the stack's "
                + "compare-and-set and pruning (3.6 %), the uncaught-exception handler that leads "
                + "a task thread to its context, Task.join's reads of the Result. On 2 cores the "
                + "1,000-task figures scatter widely between runs (1.06x to 1.2x raw)."));
      }
    }
    targets.add(new Target(
        "Redis lock acquire + release: faster than Redisson RLock (DESIGN measured ~180 µs vs 235 µs)",
        "RedisLockBenchmark", Map.of(), "gogoscope_lockPair", "redissonRLock_lockPair",
        Kind.RATIO, 1.0,
        "The floor is two round trips (one script to acquire, one to release). A miss means an "
            + "extra round trip (a separate token counter, a check before the script) or a slower "
            + "script; count commands with `redis-cli monitor` while the benchmark runs."));
    targets.add(new Target(
        "Redis lock pairs from 8 virtual threads: 1.5 × RLock's throughput",
        "RedisLockThroughputBenchmark", Map.of(), "gogoscope_lockPair8", "redissonRLock_lockPair8",
        Kind.RATIO, 1.5,
        "With 8 callers the client's pipelining decides: calls must not serialize on a lock or a "
            + "single connection. A miss means they do (check for synchronized blocks that pin "
            + "carrier threads, or a one-connection pool)."));
    targets.add(new Target(
        "Redis rate-limit check: one round trip, no slower than Redisson RRateLimiter",
        "RedisRateLimitBenchmark", Map.of(), "gogoscope_rateLimit", "redisson_rateLimit",
        Kind.RATIO, 1.0,
        "One script call per check is the floor; a miss means a second round trip or a script "
            + "that scans the window instead of trimming it by score."));
    targets.add(new Target(
        "PostgreSQL lock pair: no slower than ShedLock's JDBC provider",
        "PostgresLockBenchmark", Map.of(), "gogoscope_lockPair", "shedlock_lockPair",
        Kind.RATIO, 1.0,
        "ShedLock issues one UPDATE per acquire and one per release, with times from the client "
            + "and nothing returned; gogoscope's acquire is an upsert that takes the database's "
            + "time and returns the fencing token (the hand-written JDBC pair below does the same "
            + "and lands beside ShedLock). The store's client side is now at the JDBC pair's cost "
            + "(statements parsed once and run as plain JDBC, connections borrowed from the pool "
            + "without a Jdbi handle, and the statement timeout kept by one scanning thread instead "
            + "of the driver's timer task per statement: together 978 → about 310 us on this "
            + "machine). A miss here is within a few tens of microseconds on a loopback round trip "
            + "of about 130 us, where the 2-core machine's scheduling of the database decides."));
    targets.add(new Target(
        "PostgreSQL lock pair: within 10 % of a hand-written JDBC statement pair",
        "PostgresLockBenchmark", Map.of(), "gogoscope_lockPair", "jdbc_lockPair",
        Kind.RATIO, 1.10,
        "The JDBC pair is the same two statements with nothing around them. The store runs them as "
            + "plain JDBC on a connection borrowed straight from the pool (2.9 kB per pair against "
            + "the pair's 2.0 kB; with Jdbi's statements and a handle per operation it was 15.7 kB) "
            + "and times them with one scanning thread (the driver's query timeout arms a timer "
            + "task and wakes its thread on every statement). What is left per operation: a map of "
            + "the arguments, the lease object, and the statement's entry in the timeout set."));
    targets.add(new Target(
        "The processor: 500 annotated methods compile well under a second extra (≤ 500 ms, fresh JVM)",
        "ProcessorCompileBenchmark", Map.of("methods", "500"), "gogoscope_compileCold", "javac_compileCold",
        Kind.DIFFERENCE, 500,
        "Most of the extra is javac compiling the generated code, not the processor: per method a "
            + "sealed error union and a call and a fork method on each side, with the variant "
            + "records and one error mapper shared by the interface: about 12 times the input's "
            + "source text and 22 class files per 10-method interface (19 times and 63 before they "
            + "were shared). In the table below, generated_* (javac on the corpus plus the "
            + "processor's output, no processor) is that share; the rest of the difference is the "
            + "processor's run: javac's extra round and, in a fresh JVM, loading the processor "
            + "(133 of its 237 classes are the Guava that auto-common uses); a profile of it put "
            + "the processor's own code and JavaPoet at about 8 %. api_* compiles the corpus with only "
            + "the generated public interfaces (no implementation classes): that is the floor the "
            + "typed contract costs javac whatever the generator does (per method a sealed union "
            + "that a switch must cover, with variants only for what the method can produce, and "
            + "its call and fork methods); its excess over javac_* is part of the difference no "
            + "change to the implementation can remove, and a cold miss at least that large is the "
            + "contract's, not the generator's. The implementation's share (generated_* over api_*) "
            + "is per method a guard call and a fork, both handing the guard the one lambda a "
            + "private method builds, and the interface's guards built in the constructor."));
    return List.copyOf(targets);
  }
}
