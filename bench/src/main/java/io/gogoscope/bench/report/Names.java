package io.gogoscope.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** How the report names benchmark classes, libraries and policies. */
final class Names {

  /** Titles and explanations of the benchmark classes, in report order. */
  static final Map<String, Section> SECTIONS = sections();

  /**
   * A benchmark class as the report presents it.
   *
   * @param title the heading
   * @param what one paragraph saying what is measured and how the variants are set up
   */
  record Section(String title, String what) {}

  private final Properties versions;

  Names(Properties versions) {
    this.versions = versions;
  }

  /** The library of a method-name prefix, with its version. */
  String library(String prefix) {
    return switch (prefix) {
      case "gogoscope" -> "gogoscope";
      case "gogoscopeConfigured" -> "gogoscope, every value from configuration overrides";
      case "direct" -> "no library (plain call / hand-written loop)";
      case "resilience4j" -> "Resilience4j " + versions.getProperty("resilience4j");
      case "failsafe" -> "Failsafe " + versions.getProperty("failsafe");
      case "smallrye" -> "SmallRye FT " + versions.getProperty("smallrye");
      case "otel" -> "OpenTelemetry SDK " + versions.getProperty("opentelemetry") + ", by hand";
      case "floor" -> "gogoscope inside an OpenTelemetry SDK " + versions.getProperty("opentelemetry")
          + " span made by hand";
      case "virtualThreads" -> "raw virtual threads";
      case "structuredTaskScope" -> "JDK StructuredTaskScope";
      case "redissonRLock" -> "Redisson " + versions.getProperty("redisson") + " RLock";
      case "redissonFencedLock" -> "Redisson " + versions.getProperty("redisson") + " RFencedLock";
      case "redisson" -> "Redisson " + versions.getProperty("redisson") + " RRateLimiter";
      case "jdbc" -> "hand-written JDBC statement pair";
      case "shedlock" -> "ShedLock " + versions.getProperty("shedlock") + " JDBC provider";
      case "javac" -> "javac without any processor";
      case "generated" -> "javac on the corpus and the processor's output, no processor";
      case "api" -> "javac on the corpus and only the generated public interfaces, no processor";
      case "concat" -> "plain string concatenation (no encoding)";
      case "indexOf" -> "gogoscope's encoding before its lookup tables";
      default -> prefix;
    };
  }

  /** The policies of a method-name suffix, in words. */
  static String policies(String suffix) {
    return switch (suffix) {
      case "none" -> "no policy";
      case "retry" -> "retry";
      case "retryTimeout" -> "retry + timeout";
      case "circuitBreaker" -> "circuit breaker";
      case "forkJoin" -> "fork and join";
      case "lockPair" -> "lock acquire + release";
      case "lockPair8" -> "lock acquire + release, 8 virtual threads";
      case "lockPairWaitReplica" -> "lock acquire + release, waiting for 1 replica";
      case "rateLimit" -> "rate-limit check";
      case "compileCold" -> "compile, fresh JVM";
      case "compileWarm" -> "compile, warmed-up JVM";
      case "off" -> "retry, observability off";
      case "emptyObserver" -> "retry, empty observer";
      case "disabledLibraries" -> "retry, disabled libraries";
      case "metrics" -> "retry, metrics (Micrometer)";
      case "tracing" -> "retry, spans (OpenTelemetry SDK)";
      case "enabled" -> "retry, spans and metrics";
      case "enabledBatch" -> "retry, spans (batch processor) and metrics";
      case "sampledOut" -> "retry, spans sampled out, metrics";
      case "sampledOutInRequest" -> "retry, spans sampled out inside an unsampled request, metrics";
      case "observed" -> "retry, metrics and a hand-written span";
      case "span" -> "one span around the bare call";
      case "key" -> "key of two string ids";
      case "numericKey" -> "key of a long and a string id";
      case "escapedKey" -> "key of a value holding ':' and a string id";
      case "spanSampledOut" -> "one span around the bare call, sampled out (a root, made current)";
      case "sampledOutRoot" -> "retry, metrics, inside a dropped root span without attributes (the "
          + "floor of `spans sampled out`)";
      default -> suffix;
    };
  }

  private static Map<String, Section> sections() {
    Map<String, Section> sections = new LinkedHashMap<>();
    sections.put("SuccessfulCallBenchmark", new Section(
        "A call that succeeds",
        "One call of a method that returns at once, guarded by each library. Retry: 3 attempts, "
            + "no delay, retry on IOException. Timeout: 1 s per attempt (never fires). gogoscope "
            + "`none` is a `@ScopeTask` method without policies; `direct` is the bare call and a "
            + "hand-written retry loop. Resilience4j's TimeLimiter needs a future, so its timeout "
            + "variant runs the body on a virtual thread; the others time the caller's thread."));
    sections.put("ConfiguredCallBenchmark", new Section(
        "What configuration overrides cost a call",
        "The generated `@Retry` and `@Retry` + `@Timeout` calls of the first table on a runtime "
            + "without overrides and on one whose overrides set each of their values (the same "
            + "values: 3 attempts, 1 s). Overrides apply while the guard is built, so the pairs "
            + "should be within error of each other."));
    sections.put("FailingTwiceCallBenchmark", new Section(
        "A call that fails twice, then succeeds",
        "The same guards around a method that throws a (stackless, preallocated) IOException on "
            + "its first two attempts and succeeds on the third, with no delay between attempts. "
            + "Each trial checks that every variant made exactly three attempts per call."));
    sections.put("ObservabilityBenchmark", new Section(
        "What observability costs a call",
        "The generated `@Retry` call of the first table (it succeeds), and each peer recording "
            + "what gogoscope records as closely as its API allows. Every observed variant records "
            + "for real, and its trial fails unless one span per call (with the `task.*` "
            + "attributes) and one successful call per call in its meters were recorded. gogoscope: "
            + "`off` has no observer; `empty observer` one whose hooks do nothing; `disabled "
            + "libraries` OpenTelemetry's no-op API and an empty Micrometer composite registry; "
            + "`metrics` a SimpleMeterRegistry only; `spans` the OpenTelemetry SDK with a span "
            + "processor that counts ended spans; `spans and metrics` both; `batch processor` a "
            + "BatchSpanProcessor and an exporter that drops what it gets (a full queue drops "
            + "spans, as in production); `sampled out` a sampler that drops every span, to compare "
            + "with `metrics` (the call is a trace's root, so its dropped span is made current for "
            + "the spans inside to see the decision); `inside an unsampled request` the same call "
            + "under a request span the sampler dropped, the usual shape in production. Resilience4j: `Retry` with `TaggedRetryMetrics` and a "
            + "resilience4j-micrometer `Timer`, `observed` adds a span with gogoscope's name and "
            + "attributes written with the OpenTelemetry API. Failsafe: listeners recording "
            + "gogoscope's task meters (spawned, completed, active, duration histogram, retries), "
            + "`observed` adds the same span. SmallRye: its Micrometer metrics adapter (it writes no "
            + "spans). OpenTelemetry: the hand-written span around the bare call, the floor of any "
            + "traced call, and the same span sampled out. The floor of gogoscope's `sampled out`: "
            + "its `metrics` call inside a root span that the sampler drops, started without "
            + "attributes and made current by hand (what the SDK costs whatever gogoscope does)."));
    sections.put("ForkJoinBenchmark", new Section(
        "Fork and join of tasks",
        "Fork `tasks` trivial tasks, each on its own virtual thread, wait for all and sum their "
            + "results: in a gogoscope `Scope`, with raw `Thread.ofVirtual()`, and in the JDK's "
            + "`StructuredTaskScope` (JDK 25 preview API)."));
    sections.put("CircuitBreakerBenchmark", new Section(
        "A call through a closed circuit breaker",
        "Every breaker opens at 50 % failures over a count window of the last 20 calls, stays "
            + "open 30 s, then lets one trial call through. The call always succeeds."));
    sections.put("RedisLockBenchmark", new Section(
        "Redis: lock acquire and release, one caller",
        "Take a free lock without waiting (30 s lease) and release it, on Redis on loopback. "
            + "All libraries share one Redisson client. RFencedLock hands out fencing tokens, as "
            + "gogoscope's lock does; RLock does not."));
    sections.put("RedisLockThroughputBenchmark", new Section(
        "Redis: lock pairs per second from 8 virtual threads",
        "The same pair from 8 virtual threads at once (JMH's virtual-thread executor), each on "
            + "its own key. Higher is better."));
    sections.put("RedisReplicatedLockBenchmark", new Section(
        "Redis: lock acquire and release on a master with a replica",
        "The pair of the first Redis table on a private master with one replica (two redis-server "
            + "processes the trial starts), all libraries on one Redisson client in master/replica "
            + "mode. gogoscope `lock acquire + release` does not wait for the replica (its default); "
            + "`waiting for 1 replica` uses `waitForReplicas(1, 1 s)`: the acquire's script and "
            + "`WAIT 1 1000` in one pipeline, so the lease is handed out only once the replica has "
            + "it. Redisson's locks wait for every connected replica on their own whenever Redisson "
            + "is not in single-server mode, so they are compared with the waiting variant."));
    sections.put("RedisRateLimitBenchmark", new Section(
        "Redis: one rate-limit check",
        "One admitted check against a limit of 1,000,000 calls per 1 s window, on one key."));
    sections.put("PostgresLockBenchmark", new Section(
        "PostgreSQL: lock acquire and release",
        "Take a free lock (30 s) and release it on PostgreSQL on loopback; every variant shares "
            + "one HikariCP pool. The JDBC pair is the floor: one upsert that returns the "
            + "fencing token, one update that expires the row."));
    sections.put("SqliteLockBenchmark", new Section(
        "SQLite: lock acquire and release",
        "The same pair on a fresh SQLite file in WAL mode. gogoscope's store keeps one connection "
            + "of its own (as in production); the JDBC pair and ShedLock share a pool of one."));
    sections.put("ProcessorCompileBenchmark", new Section(
        "javac: a corpus of annotated methods, with and without the processor",
        "javac in-process (javax.tools) compiles a generated corpus of annotated interfaces "
            + "(10 methods each, every annotation used) into a fresh folder, once per shot. "
            + "`javac` runs with `-proc:none`; `gogoscope` runs the processor, which writes the "
            + "`Scoped*` interfaces that javac then compiles too. `generated` compiles the corpus "
            + "with the processor's output beside it and no processor: its excess over `javac` is "
            + "javac's share of the difference, the rest is the processor's own work. `api` keeps "
            + "only the generated public interfaces (no implementation classes): the floor that "
            + "the typed contract itself costs javac. Fresh JVM: "
            + "one compilation per fork, as a build tool that starts javac anew; warmed-up: after "
            + "ten compilations."));
    sections.put("KeyBenchmark", new Section(
        "Lock and rate-limit keys: what encoding the values costs",
        "The key of `order:{orderId}:{user}` built as generated code builds it, each substituted "
            + "value through `KeyValues.of` (escaped only where it holds a separator, `%` or a "
            + "control), against plain concatenation of the same parts, which would let "
            + "`(\"1:2\", \"3\")` and `(\"1\", \"2:3\")` share a key. The ids need no escaping "
            + "(12 and 24 characters); the escaped variant's first value is `1:2`. `before its "
            + "lookup tables` is the previous scan (one `indexOf` over the separators per "
            + "character)."));
    return Collections.unmodifiableMap(sections);
  }
}
