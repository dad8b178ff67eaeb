package io.gogoscope.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every misuse is a compile error with a stable id, on the line of the element or annotation value
 * at fault, with a text that says what to do instead; and processing goes on after it.
 */
class MisuseTest {

  /**
   * A source in package {@code test} with the gogoscope annotations and a few JDK types imported,
   * named after its first type.
   */
  static JavaFileObject source(String body) {
    Matcher firstType = Pattern.compile("(?:interface|class|enum|record)\\s+(\\w+)").matcher(body);
    String name = firstType.find() ? firstType.group(1) : "Source";
    return JavaFileObjects.forSourceString("test." + name, """
        package test;

        import io.gogoscope.annotations.*;
        import java.io.IOException;
        import java.util.List;
        import java.util.concurrent.TimeoutException;

        """ + body);
  }

  /** Compiles {@code body} and asserts one error {@code [id] text} on the line containing {@code line}. */
  private static void assertError(String body, String line, String id, String text) {
    JavaFileObject file = source(body);
    Compilation compilation = Compiler.compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[" + id + "] " + text).inFile(file).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
  }

  // The annotated type.

  @Test
  void scopeTaskOnClass() {
    assertError("""
        @ScopeTask
        class Payments {
          void pay() {}
        }
        """, "@ScopeTask", "GGS-NOT-INTERFACE",
        "@ScopeTask is on the class Payments, but gogoscope generates code for interfaces only: declare"
            + " the methods to guard in an interface, let Payments implement it, and annotate the interface");
  }

  @Test
  void scopeTaskOnEnum() {
    assertError("""
        @ScopeTask enum Mode { ON, OFF }
        """, "enum Mode", "GGS-NOT-INTERFACE", "@ScopeTask is on the enum Mode, but gogoscope generates");
  }

  @Test
  void scopeTaskOnRecord() {
    assertError("""
        @ScopeTask record Point(int x, int y) {}
        """, "record Point", "GGS-NOT-INTERFACE", "@ScopeTask is on the record Point, but gogoscope");
  }

  @Test
  void scopeTaskOnAnnotationType() {
    assertError("""
        @ScopeTask @interface Marker {}
        """, "@interface Marker", "GGS-NOT-INTERFACE", "@ScopeTask is on the annotation type Marker, but");
  }

  @Test
  void scopeTaskOnInnerClass() {
    assertError("""
        class Outer {
          @ScopeTask class Inner { void run() {} }
        }
        """, "class Inner", "GGS-NOT-INTERFACE",
        "@ScopeTask is on the inner (non-static) class Outer.Inner, but gogoscope generates code for"
            + " interfaces only");
  }

  @Test
  void policyOnClassMethod() {
    assertError("""
        class Payments {
          @Retry(attempts = 2) void pay() {}
        }
        """, "@Retry", "GGS-NOT-INTERFACE-METHOD",
        "@Retry is on pay(), a member of the class Payments; gogoscope reads its annotations on"
            + " interface methods only: put the method in an @ScopeTask interface and annotate it there");
  }

  @Test
  void privateNestedInterface() {
    assertError("""
        class Outer {
          @ScopeTask private interface Hidden { String get(); }
        }
        """, "private interface Hidden", "GGS-PRIVATE-TYPE",
        "Outer.Hidden is private, so the generated ScopedOuter_Hidden beside it cannot use it: make it"
            + " package-private or public");
  }

  @Test
  void interfaceNestedInPrivateClass() {
    assertError("""
        class Outer {
          private static class Middle {
            @ScopeTask interface Service { String get(); }
          }
        }
        """, "interface Service", "GGS-PRIVATE-ENCLOSING",
        "Outer.Middle.Service is nested in the private class Middle, so the generated"
            + " ScopedOuter_Middle_Service cannot use it: make Middle package-private or public");
  }

  @Test
  void interfaceWithoutTasks() {
    assertError("""
        @ScopeTask interface Empty {
          default String name() { return "empty"; }
        }
        """, "@ScopeTask", "GGS-NO-TASKS",
        "@ScopeTask on Empty finds no method to make a task (it makes every abstract method one, and"
            + " default methods that carry a policy annotation): add a method, or remove @ScopeTask");
  }

  @Test
  void blankTaskName() {
    assertError("""
        @ScopeTask(name = "  ") interface Users { String get(); }
        """, "name = ", "GGS-TASK-NAME",
        "@ScopeTask(name = \"  \") is blank: give a name such as \"users\", or leave name out for the"
            + " default (Users)");
  }

  // Where annotations may go.

  @Test
  void policyOnMethodThatIsNotATask() {
    assertError("""
        interface Users {
          @Retry(attempts = 2) String get();
        }
        """, "@Retry", "GGS-NOT-A-TASK",
        "@Retry on get() has no effect, because get() is not a task: add @ScopeTask to the method or"
            + " to interface Users");
  }

  @Test
  void spanAttributeOnMethodThatIsNotATask() {
    assertError("""
        interface Users {
          @ScopeTask String get(String id);
          String find(@SpanAttribute("user.name") String name);
        }
        """, "user.name", "GGS-NOT-A-TASK", "@SpanAttribute on find(String) has no effect");
  }

  @Test
  void policyOnStaticMethod() {
    assertError("""
        @ScopeTask interface Users {
          String get();
          @Timeout("1s") static Users none() { return null; }
        }
        """, "@Timeout", "GGS-STATIC-METHOD",
        "@Timeout is on the static method none(), which the generated code never calls through the"
            + " implementation: annotate an abstract or default method instead");
  }

  @Test
  void policyOnObjectMethod() {
    assertError("""
        @ScopeTask interface Users {
          String get();
          @Retry(attempts = 2) String toString();
        }
        """, "@Retry", "GGS-OBJECT-METHOD",
        "@Retry is on toString(), which every object inherits from java.lang.Object and which is never"
            + " a task: remove the annotation");
  }

  // Signatures.

  @Test
  void returnsCompletableFuture() {
    assertError("""
        @ScopeTask interface Users {
          java.util.concurrent.CompletableFuture<String> fetch(String id);
        }
        """, "fetch(String id)", "GGS-RETURN-TYPE",
        "fetch(String) returns CompletableFuture<String>: the policies would guard only the creation of"
            + " the future, not its completion; return the value itself and call the generated fork"
            + " variant fetch(Scope, ...) to run calls concurrently");
  }

  @Test
  void returnsStream() {
    assertError("""
        @ScopeTask interface Users {
          java.util.stream.Stream<String> all();
        }
        """, "all()", "GGS-RETURN-TYPE",
        "all() returns Stream<String>: a stream is consumed after the call has returned, outside its"
            + " timeout, retries and lock; return a List and collect the stream inside the implementation");
  }

  @Test
  void returnsResult() {
    assertError("""
        @ScopeTask interface Users {
          io.gogoscope.Result<String, String> get();
        }
        """, "get()", "GGS-RETURN-TYPE",
        "get() returns Result<String,String>: the generated method already returns a Result; return"
            + " the value itself and throw failures as declared exceptions");
  }

  @Test
  void throwsTypeVariable() {
    assertError("""
        @ScopeTask interface Users {
          <X extends Exception> String get() throws X;
        }
        """, "get()", "GGS-THROWS-TYPE-VARIABLE",
        "get() throws the type variable X, which fixes no exception type for its error union: declare"
            + " the exceptions it throws, or a common supertype such as Exception");
  }

  @Test
  void throwsThrowable() {
    assertError("""
        @ScopeTask interface Users {
          String get() throws Throwable;
        }
        """, "get()", "GGS-THROWS-THROWABLE",
        "get() throws Throwable, which is neither an Exception nor an Error, so no error union can hold"
            + " it and no Error may be caught: declare Exception, or the specific exceptions, instead");
  }

  @Test
  void genericVarargs() {
    assertError("""
        @ScopeTask interface Users {
          @SuppressWarnings("unchecked") <T> String join(T... parts);
        }
        """, "T... parts", "GGS-VARARGS",
        "join(Object[]) takes a varargs parameter of the non-reifiable type T, which would make the"
            + " generated methods unsafe (heap pollution): take a List instead");
  }

  // Durations.

  @Test
  void malformedDuration() {
    assertError("""
        @ScopeTask interface Users {
          @Retry(delay = "2 parsecs")
          String get();
        }
        """, "2 parsecs", "GGS-DURATION",
        "@Retry(delay = \"2 parsecs\") is not a duration: write a whole number and a unit (ns, us, ms,"
            + " s, m, h, d) such as \"250ms\" or \"2s\", or ISO-8601 such as \"PT2S\"");
  }

  @Test
  void negativeDuration() {
    assertError("""
        @ScopeTask interface Users {
          @Timeout("-5s")
          String get();
        }
        """, "-5s", "GGS-DURATION-NEGATIVE",
        "@Timeout(value = \"-5s\") is negative: a timeout must be positive");
  }

  @Test
  void negativeIsoDuration() {
    assertError("""
        @ScopeTask interface Users {
          @Retry(delay = "-PT1S")
          String get();
        }
        """, "-PT1S", "GGS-DURATION-NEGATIVE",
        "@Retry(delay = \"-PT1S\") is negative: a delay must be zero or more");
  }

  @Test
  void zeroTimeout() {
    assertError("""
        @ScopeTask interface Users {
          @Timeout(overall = "0ms")
          String get();
        }
        """, "0ms", "GGS-DURATION-ZERO",
        "@Timeout(overall = \"0ms\") is zero: a timeout must be positive; leave overall out for no"
            + " overall timeout");
  }

  @Test
  void zeroLockTtl() {
    assertError("""
        @ScopeTask interface Orders {
          @DistributedLock(key = "orders", ttl = "PT0S")
          String place();
        }
        """, "PT0S", "GGS-DURATION-ZERO",
        "@DistributedLock(ttl = \"PT0S\") is zero: the lock's time to live must be positive, so that a"
            + " crashed holder's lock expires");
  }

  // @Retry.

  @Test
  void zeroAttempts() {
    assertError("""
        @ScopeTask interface Users {
          @Retry(attempts = 0)
          String get();
        }
        """, "attempts = 0", "GGS-RETRY-ATTEMPTS",
        "@Retry(attempts = 0): attempts counts the first call too and must be at least 1 (1 means no"
            + " retry); write attempts = 3 for up to two retries");
  }

  @Test
  void multiplierNotAboveOne() {
    assertError("""
        @ScopeTask interface Users {
          @Retry(backoff = Backoff.EXPONENTIAL, multiplier = 0.5)
          String get();
        }
        """, "multiplier", "GGS-RETRY-MULTIPLIER",
        "@Retry(multiplier = 0.5): the exponential backoff's factor must be above 1, such as 2.0");
  }

  @Test
  void jitterAboveOne() {
    assertError("""
        @ScopeTask interface Users {
          @Retry(jitter = 1.5)
          String get();
        }
        """, "jitter", "GGS-RETRY-JITTER",
        "@Retry(jitter = 1.5): jitter is a fraction of each delay between 0 and 1, such as 0.2 for ±20 %");
  }

  @Test
  void maxDelayBelowDelay() {
    assertError("""
        @ScopeTask interface Users {
          @Retry(delay = "1s",
              maxDelay = "500ms")
          String get();
        }
        """, "maxDelay", "GGS-RETRY-MAX-DELAY",
        "@Retry(maxDelay = \"500ms\") is shorter than delay = \"1s\": the cap on delays must be at least"
            + " the base delay");
  }

  @Test
  void retryOnExceptionTheMethodCannotThrow() {
    assertError("""
        @ScopeTask interface Users {
          @Retry(retryOn = TimeoutException.class)
          String get() throws IOException;
        }
        """, "retryOn", "GGS-RETRY-UNTHROWN",
        "@Retry(retryOn = TimeoutException.class): get() cannot throw the checked exception"
            + " TimeoutException (it declares IOException): name an exception the method declares, or"
            + " add TimeoutException to its throws clause");
  }

  @Test
  void retryOnAndAbortOnTheSameException() {
    assertError("""
        @ScopeTask interface Users {
          @Retry(abortOn = Exception.class,
              retryOn = IOException.class)
          String get() throws IOException;
        }
        """, "retryOn", "GGS-RETRY-CONFLICT",
        "@Retry(retryOn = IOException.class) can never match, because abortOn = Exception.class"
            + " covers it: remove one of them");
  }

  // @Retry(retryOnResult).

  @Test
  void retryOnResultOfAVoidMethod() {
    assertError("""
        @ScopeTask interface Jobs {
          @Retry(retryOnResult = Jobs.Blank.class)
          void run();

          final class Blank implements ResultPredicate<String> {
            public boolean test(String value) { return value.isEmpty(); }
          }
        }
        """, "retryOnResult", "GGS-RETRY-RESULT-TYPE",
        "@Retry(retryOnResult = Blank.class): run() returns void, so no result is there to judge: return"
            + " the value, or remove retryOnResult");
  }

  @Test
  void retryOnResultOfAnotherType() {
    assertError("""
        @ScopeTask interface Jobs {
          @Retry(retryOnResult = Jobs.Blank.class)
          int count();

          final class Blank implements ResultPredicate<String> {
            public boolean test(String value) { return value.isEmpty(); }
          }
        }
        """, "retryOnResult", "GGS-RETRY-RESULT-TYPE",
        "@Retry(retryOnResult = Blank.class): count() returns int, but the predicate judges String (it"
            + " implements ResultPredicate<String>): name a ResultPredicate of Integer or of a supertype of it");
  }

  @Test
  void retryOnResultOfAnotherTypeArgument() {
    assertError("""
        @ScopeTask interface Jobs {
          @Retry(retryOnResult = Jobs.NoNumbers.class)
          List<String> names();

          final class NoNumbers implements ResultPredicate<List<Integer>> {
            public boolean test(List<Integer> value) { return value.isEmpty(); }
          }
        }
        """, "retryOnResult", "GGS-RETRY-RESULT-TYPE",
        "@Retry(retryOnResult = NoNumbers.class): names() returns List<String>, but the predicate judges"
            + " List<Integer> (it implements ResultPredicate<List<Integer>>): name a ResultPredicate of"
            + " List<String> or of a supertype of it");
  }

  @Test
  void retryOnResultWithAnAbstractClass() {
    assertError("""
        @ScopeTask interface Jobs {
          @Retry(retryOnResult = Jobs.Blank.class)
          String name();

          abstract class Blank implements ResultPredicate<String> {}
        }
        """, "retryOnResult", "GGS-RETRY-RESULT-CLASS",
        "@Retry(retryOnResult = Blank.class): the generated code creates the predicate once with new"
            + " Blank(), but it is abstract: name a concrete subclass");
  }

  @Test
  void retryOnResultWithAnInterface() {
    assertError("""
        @ScopeTask interface Jobs {
          @Retry(retryOnResult = Jobs.Blank.class)
          String name();

          interface Blank extends ResultPredicate<String> {}
        }
        """, "retryOnResult", "GGS-RETRY-RESULT-CLASS",
        "@Retry(retryOnResult = Blank.class): the generated code creates the predicate once with new Blank(),"
            + " but it is an interface: name a class that implements it");
  }

  @Test
  void retryOnResultWithAnInnerClass() {
    assertError("""
        @ScopeTask interface Jobs {
          @Retry(retryOnResult = Predicates.Blank.class)
          String name();
        }

        class Predicates {
          final class Blank implements ResultPredicate<String> {
            public boolean test(String value) { return value.isEmpty(); }
          }
        }
        """, "retryOnResult", "GGS-RETRY-RESULT-CLASS",
        "@Retry(retryOnResult = Blank.class): the generated code creates the predicate once with new Blank(),"
            + " but it is an inner class, which needs an instance of Predicates: make it static");
  }

  @Test
  void retryOnResultWithoutANoArgumentConstructor() {
    assertError("""
        @ScopeTask interface Jobs {
          @Retry(retryOnResult = Jobs.Longer.class)
          String name();

          final class Longer implements ResultPredicate<String> {
            private final int length;
            public Longer(int length) { this.length = length; }
            public boolean test(String value) { return value.length() > length; }
          }
        }
        """, "retryOnResult", "GGS-RETRY-RESULT-CLASS",
        "@Retry(retryOnResult = Longer.class): the generated code creates the predicate once with new Longer(),"
            + " but it has no no-argument constructor: add one");
  }

  @Test
  void retryOnResultWithAPrivateConstructor() {
    assertError("""
        @ScopeTask interface Jobs {
          @Retry(retryOnResult = Blank.class)
          String name();
        }

        final class Blank implements ResultPredicate<String> {
          private Blank() {}
          public boolean test(String value) { return value.isEmpty(); }
        }
        """, "retryOnResult", "GGS-RETRY-RESULT-CLASS",
        "@Retry(retryOnResult = Blank.class): the generated code creates the predicate once with new Blank(),"
            + " but its no-argument constructor is private: make it package-private or public");
  }

  @Test
  void retryOnResultWithAPrivateNestedClass() {
    assertError("""
        class Outer {
          private static final class Blank implements ResultPredicate<String> {
            public boolean test(String value) { return value.isEmpty(); }
          }

          @ScopeTask interface Jobs {
            @Retry(retryOnResult = Blank.class)
            String name();
          }
        }
        """, "retryOnResult", "GGS-RETRY-RESULT-CLASS",
        "@Retry(retryOnResult = Blank.class): the generated code creates the predicate once with new Blank(),"
            + " but it is private: make it package-private or public");
  }

  @Test
  void retryOnResultOfASupertypeOfTheBoxedResultIsFine() {
    JavaFileObject file = source("""
        @ScopeTask interface Jobs {
          @Retry(retryOnResult = Jobs.Zero.class)
          int count();

          @Retry(retryOnResult = Jobs.Empty.class)
          List<String> names();

          final class Zero implements ResultPredicate<Number> {
            public boolean test(Number value) { return value.intValue() == 0; }
          }

          final class Empty implements ResultPredicate<java.util.Collection<?>> {
            public boolean test(java.util.Collection<?> value) { return value.isEmpty(); }
          }
        }
        """);
    assertThat(Compiler.compile(file)).succeededWithoutWarnings();
  }

  @Test
  void multiplierWithoutExponentialBackoff() {
    assertError("""
        @ScopeTask interface Users {
          @Retry(delay = "10ms", multiplier = 3.0)
          String get();
        }
        """, "multiplier", "GGS-RETRY-MULTIPLIER-UNUSED",
        "@Retry(multiplier = 3.0) has no effect with backoff = Backoff.FIXED: use backoff ="
            + " Backoff.EXPONENTIAL, or remove multiplier");
  }

  @Test
  void jitterWithDecorrelatedJitter() {
    assertError("""
        @ScopeTask interface Users {
          @Retry(backoff = Backoff.DECORRELATED_JITTER, jitter = 0.3)
          String get();
        }
        """, "jitter", "GGS-RETRY-JITTER-UNUSED",
        "@Retry(jitter = 0.3) is added to delays that Backoff.DECORRELATED_JITTER already makes"
            + " random: remove jitter, or pick another backoff");
  }

  // Timeouts.

  @Test
  void emptyTimeout() {
    assertError("""
        @ScopeTask interface Users {
          @Timeout
          String get();
        }
        """, "@Timeout", "GGS-TIMEOUT-EMPTY",
        "@Timeout on get() gives neither value (per attempt) nor overall (the whole call): write"
            + " @Timeout(\"2s\") or @Timeout(overall = \"5s\")");
  }

  @Test
  void overallShorterThanPerAttempt() {
    assertError("""
        @ScopeTask interface Users {
          @Timeout(value = "2s",
              overall = "1s")
          String get();
        }
        """, "overall = ", "GGS-TIMEOUT-ORDER",
        "@Timeout(overall = \"1s\") is shorter than the per-attempt value = \"2s\", so the per-attempt"
            + " timeout can never expire: make overall longer, or drop value");
  }

  @Test
  void timeoutGivenTwice() {
    assertError("""
        interface Users {
          @ScopeTask(timeout = "5s")
          @Timeout("1s")
          String get();
        }
        """, "@Timeout", "GGS-TIMEOUT-TWICE",
        "get() has both @ScopeTask(timeout = \"5s\") and @Timeout: keep one, for example"
            + " @Timeout(overall = \"5s\")");
  }

  // Key templates.

  @Test
  void unclosedKeyReference() {
    assertError("""
        @ScopeTask interface Orders {
          @DistributedLock(key = "order:{orderId")
          String place(String orderId);
        }
        """, "order:{orderId", "GGS-KEY-SYNTAX",
        "@DistributedLock(key = \"order:{orderId\"): '{' is never closed (at character 6); write"
            + " references as {parameter} or {parameter.property}");
  }

  @Test
  void keyNamingNoParameter() {
    assertError("""
        @ScopeTask interface Orders {
          @DistributedLock(key = "order:{orderid}")
          String place(String userId, String orderId);
        }
        """, "order:{orderid}", "GGS-KEY-PARAMETER",
        "@DistributedLock(key = \"order:{orderid}\") names no parameter orderid of place(String,"
            + " String): did you mean {orderId}?");
  }

  @Test
  void keyNamingMissingProperty() {
    assertError("""
        @ScopeTask interface Orders {
          record Order(String id) {}
          @RateLimit(key = "order:{order.number}", limit = 10)
          String place(Order order);
        }
        """, "order.number", "GGS-KEY-PROPERTY",
        "@RateLimit(key = \"order:{order.number}\"): Orders.Order has no record component or getter"
            + " number() / getNumber() visible from package test, so {order.number} cannot be read:"
            + " name one of its accessors");
  }

  @Test
  void keyReadingAnArray() {
    assertError("""
        @ScopeTask interface Orders {
          @RateLimit(key = "batch:{ids}", limit = 10)
          String place(long[] ids);
        }
        """, "batch:{ids}", "GGS-KEY-ARRAY",
        "@RateLimit(key = \"batch:{ids}\"): {ids} is an array (long[]), whose text is its identity, not"
            + " its contents: use another parameter or a property");
  }

  @Test
  void keyReferencesWithoutASeparator() {
    assertError("""
        @ScopeTask interface Orders {
          @DistributedLock(key = "order:{a}-{b}")
          String place(String a, String b);
        }
        """, "order:{a}-{b}", "GGS-KEY-SEPARATOR",
        "@DistributedLock(key = \"order:{a}-{b}\"): {a} and {b} are not separated by any of the characters"
            + " : / | , ; = #, so distinct arguments could give one key (as (\"1-2\", \"3\") and (\"1\","
            + " \"2-3\") would with \"-\"): put one between them, such as {a}:{b}; substituted values never"
            + " contain one (gogoscope encodes them), so such a key tells every argument apart");
  }

  @Test
  void keyReferencesSideBySide() {
    assertError("""
        @ScopeTask interface Orders {
          @RateLimit(key = "{a}{b}", limit = 5)
          String place(int a, int b);
        }
        """, "{a}{b}", "GGS-KEY-SEPARATOR", "@RateLimit(key = \"{a}{b}\"): {a} and {b} are not separated");
  }

  @Test
  void keyWhoseFixedTextIsTooLongForTheSqlStores() {
    String longKey = "x".repeat(250) + ":{id}:" + "y".repeat(10);
    assertError("""
        @ScopeTask interface Orders {
          @DistributedLock(key = "%s")
          String place(String id);
        }
        """.formatted(longKey), "{id}", "GGS-KEY-LENGTH",
        "@DistributedLock(key = \"" + longKey + "\"): its fixed text alone is 262 characters, but the SQL"
            + " stores hold keys of at most 255, and a generated method's key must work on every store:"
            + " shorten it");
  }

  @Test
  void keyWithALoneSurrogate() {
    assertError("""
        @ScopeTask interface Orders {
          @DistributedLock(key = "order\\uD800:{id}")
          String place(String id);
        }
        """, "order", "GGS-KEY-TEXT", "@DistributedLock(key = \"order\\uD800:{id}\") contains a lone UTF-16 surrogate (\\uD800) at character 5, which no store"
            + " takes (stores keep keys as well-formed UTF-8 text without NUL): remove it");
  }

  @Test
  void lockTtlLongerThanTheStoresTake() {
    assertError("""
        @ScopeTask interface Orders {
          @DistributedLock(key = "order:{id}", ttl = "36501d")
          String place(String id);
        }
        """, "36501d", "GGS-DURATION-TOO-LONG",
        "@DistributedLock(ttl = \"36501d\") is longer than 36500 days (100 years), the longest TTL the stores"
            + " take (they compute expiry times with it): give a shorter one");
  }

  @Test
  void rateLimitWindowLongerThanTheStoresTake() {
    assertError("""
        @ScopeTask interface Orders {
          @RateLimit(limit = 5, window = "PT900000H")
          String place();
        }
        """, "PT900000H", "GGS-DURATION-TOO-LONG",
        "@RateLimit(window = \"PT900000H\") is longer than 36500 days (100 years), the longest window");
  }

  @Test
  void resetTimeoutLongerThanTheBreakerCounts() {
    assertError("""
        @ScopeTask interface Orders {
          @CircuitBreaker(resetTimeout = "106752d")
          String place();
        }
        """, "106752d", "GGS-DURATION-TOO-LONG",
        "@CircuitBreaker(resetTimeout = \"106752d\") is longer than about 292 years, the longest the breaker"
            + " can count in nanoseconds: give a shorter one");
  }

  @Test
  void rateLimitAboveWhatTheSqlStoresCount() {
    assertError("""
        @ScopeTask interface Orders {
          @RateLimit(limit = 60000, window = "1m")
          String place();
        }
        """, "limit = 60000", "GGS-RATE-LIMIT-TOO-HIGH",
        "@RateLimit(limit = 60000) is above 10000, the most calls per window the SQL stores count, and a"
            + " generated method's limit must work on every store: use a shorter window with a smaller limit"
            + " (limit = 1000, window = \"1s\" instead of limit = 60000, window = \"1m\")");
  }

  @Test
  void breakerWindowLargerThanTheBreakerHolds() {
    assertError("""
        @ScopeTask interface Orders {
          @CircuitBreaker(windowSize = 2147483647)
          String place();
        }
        """, "windowSize", "GGS-BREAKER-WINDOW-SIZE",
        "@CircuitBreaker(windowSize = 2147483647): the window holds at most 100000 calls (the breaker keeps"
            + " one slot per call); give a smaller windowSize");
  }

  // @RateLimit.

  @Test
  void zeroRateLimit() {
    assertError("""
        @ScopeTask interface Orders {
          @RateLimit(limit = 0)
          String place();
        }
        """, "limit = 0", "GGS-RATE-LIMIT",
        "@RateLimit(limit = 0) admits no call: the limit must be at least 1");
  }

  @Test
  void zeroRateLimitWindow() {
    assertError("""
        @ScopeTask interface Orders {
          @RateLimit(limit = 5, window = "0s")
          String place();
        }
        """, "window", "GGS-DURATION-ZERO",
        "@RateLimit(window = \"0s\") is zero: the rate-limit window must be positive");
  }

  // @CircuitBreaker.

  @Test
  void zeroFailureThreshold() {
    assertError("""
        @ScopeTask interface Payments {
          @CircuitBreaker(failureThreshold = 0)
          String pay();
        }
        """, "failureThreshold", "GGS-BREAKER-COUNT",
        "@CircuitBreaker(failureThreshold = 0): failureThreshold must be at least 1");
  }

  @Test
  void failureRatioAboveOne() {
    assertError("""
        @ScopeTask interface Payments {
          @CircuitBreaker(failureRatio = 1.5)
          String pay();
        }
        """, "failureRatio", "GGS-BREAKER-RATIO",
        "@CircuitBreaker(failureRatio = 1.5): the failure ratio must be above 0 and at most 1 (0.5"
            + " opens at half the calls failing), or 0 to count failures with failureThreshold");
  }

  @Test
  void thresholdLargerThanWindow() {
    assertError("""
        @ScopeTask interface Payments {
          @CircuitBreaker(failureThreshold = 30, windowSize = 10)
          String pay();
        }
        """, "failureThreshold", "GGS-BREAKER-WINDOW",
        "@CircuitBreaker(failureThreshold = 30) can never be reached in a window of windowSize = 10"
            + " calls: make windowSize at least 30");
  }

  @Test
  void blankBreakerName() {
    assertError("""
        @ScopeTask(name = "payments") interface Payments {
          @CircuitBreaker(name = " ")
          String pay();
        }
        """, "name = \" \"", "GGS-BREAKER-NAME",
        "@CircuitBreaker(name = \" \") is blank: give a name such as \"payments\", or leave name out to"
            + " use the task name (payments.pay)");
  }

  @Test
  void oneBreakerConfiguredTwoWays() {
    assertError("""
        @ScopeTask interface Payments {
          @CircuitBreaker(name = "bank", failureThreshold = 5)
          String pay();
          @CircuitBreaker(name = "bank", failureThreshold = 3)
          String refund();
        }
        """, "failureThreshold = 3", "GGS-BREAKER-CONFLICT",
        "circuit breaker \"bank\" is configured differently on pay() (failureThreshold = 5,");
  }

  @Test
  void breakerFailOnAnExceptionTheMethodCannotThrow() {
    assertError("""
        @ScopeTask interface Payments {
          @CircuitBreaker(failOn = TimeoutException.class)
          String pay() throws IOException;
        }
        """, "failOn", "GGS-BREAKER-UNTHROWN",
        "@CircuitBreaker(failOn = TimeoutException.class): pay() cannot throw the checked exception"
            + " TimeoutException (it declares IOException), so the breaker would never see it: name an"
            + " exception the method declares, or add TimeoutException to its throws clause");
  }

  @Test
  void breakerSkipOnAnExceptionTheMethodCannotThrow() {
    assertError("""
        @ScopeTask interface Payments {
          @CircuitBreaker(
              skipOn = TimeoutException.class)
          String pay();
        }
        """, "skipOn", "GGS-BREAKER-UNTHROWN",
        "@CircuitBreaker(skipOn = TimeoutException.class): pay() cannot throw the checked exception"
            + " TimeoutException (it declares no checked exception)");
  }

  @Test
  void breakerFailOnCoveredBySkipOn() {
    assertError("""
        @ScopeTask interface Payments {
          @CircuitBreaker(skipOn = IOException.class,
              failOn = java.io.FileNotFoundException.class)
          String pay() throws IOException;
        }
        """, "failOn", "GGS-BREAKER-SKIP-COVERS",
        "@CircuitBreaker(failOn = FileNotFoundException.class) can never count, because skipOn ="
            + " IOException.class covers it (skipOn wins): remove one of them");
  }

  @Test
  void breakersSharingANameMayClassifyDifferently() {
    assertThat(Compiler.compile(source("""
        @ScopeTask interface Payments {
          @CircuitBreaker(name = "bank", skipOn = IllegalArgumentException.class)
          String pay();
          @CircuitBreaker(name = "bank")
          String refund();
        }
        """))).succeededWithoutWarnings();
  }

  @Test
  void lockMinHoldLongerThanTtl() {
    assertError("""
        @ScopeTask interface Jobs {
          @DistributedLock(ttl = "30s",
              minHold = "1m")
          void settle();
        }
        """, "minHold", "GGS-LOCK-MIN-HOLD",
        "@DistributedLock(minHold = \"1m\") is longer than ttl = \"30s\": the lease expires at its TTL,"
            + " so the lock could not be held that long: raise ttl, or shorten minHold");
  }

  @Test
  void lockMinHoldNegative() {
    assertError("""
        @ScopeTask interface Jobs {
          @DistributedLock(minHold = "-1s")
          void settle();
        }
        """, "minHold", "GGS-DURATION-NEGATIVE", "@DistributedLock(minHold = \"-1s\") is negative");
  }

  @Test
  void rateLimitWaitNotADuration() {
    assertError("""
        @ScopeTask interface Jobs {
          @RateLimit(limit = 5, maxWait = "soon")
          void settle();
        }
        """, "maxWait", "GGS-DURATION", "@RateLimit(maxWait = \"soon\") is not a duration");
  }

  // @Bulkhead.

  @Test
  void bulkheadOfNoSlots() {
    assertError("""
        @ScopeTask interface Reports {
          @Bulkhead(maxConcurrent = 0)
          String render();
        }
        """, "maxConcurrent", "GGS-BULKHEAD-CONCURRENT",
        "@Bulkhead(maxConcurrent = 0) admits no attempt: maxConcurrent must be at least 1");
  }

  @Test
  void bulkheadWaitNegative() {
    assertError("""
        @ScopeTask @Bulkhead(maxWait = "-1s") interface Reports {
          String render();
        }
        """, "@Bulkhead", "GGS-DURATION-NEGATIVE", "@Bulkhead(maxWait = \"-1s\") is negative");
  }

  @Test
  void bulkheadOnAnInterfaceWithoutTasks() {
    assertError("""
        @Bulkhead interface Reports {
          String render();
        }
        """, "@Bulkhead", "GGS-BULKHEAD-PLACE",
        "@Bulkhead on interface Reports has no effect, because it has no task (add @ScopeTask to it or"
            + " to its methods): put it on an @ScopeTask interface or on a task method");
  }

  @Test
  void bulkheadOnAClass() {
    assertError("""
        @Bulkhead class Reports {
          String render() { return ""; }
        }
        """, "@Bulkhead", "GGS-BULKHEAD-PLACE",
        "@Bulkhead on the class Reports has no effect, because gogoscope generates code for interfaces only");
  }

  // @SpanAttribute.

  @Test
  void blankSpanAttribute() {
    assertError("""
        @ScopeTask interface Users {
          String get(@SpanAttribute("") String id);
        }
        """, "@SpanAttribute", "GGS-SPAN-ATTRIBUTE",
        "@SpanAttribute(\"\") on id is blank: give the attribute's key, such as \"user.id\"");
  }

  @Test
  void duplicateSpanAttribute() {
    assertError("""
        @ScopeTask interface Users {
          String get(@SpanAttribute("user.id") String id,
              @SpanAttribute("user.id") String other);
        }
        """, "String other", "GGS-SPAN-ATTRIBUTE-DUPLICATE",
        "@SpanAttribute(\"user.id\") is on both id and other of get(String, String): each attribute key"
            + " may be set once");
  }

  // Generated names.

  @Test
  void twoMethodsGenerateTheSameUnion() {
    assertError("""
        @ScopeTask interface Users {
          String find(String name);
          String find(long id);
          String findString(String name);
        }
        """, "findString", "GGS-NAME-CLASH",
        "find(String) and findString(String) both generate the error union ScopedUsers.FindStringError:"
            + " rename one of the methods");
  }

  @Test
  void aTaskUnionNamedLikeTheInterfacesUnionOfEveryTaskIsAClash() {
    // users() takes UsersError, so the interface-wide union falls back to UsersTaskError: the
    // union of usersTask().
    assertError("""
        @ScopeTask interface Users {
          String users(String name);
          String usersTask(String name);
        }
        """, "usersTask", "GGS-NAME-CLASH",
        "usersTask(String) and the union of every task of Users both generate the error union"
            + " ScopedUsers.UsersTaskError: rename one of the methods");
  }

  @Test
  void forkVariantClashesWithAnotherMethod() {
    assertError("""
        @ScopeTask interface Users {
          String find(String name);
          String find(io.gogoscope.Scope scope, String name);
        }
        """, "find(io.gogoscope.Scope", "GGS-METHOD-CLASH",
        "find(Scope, String) would generate find(Scope, String) in ScopedUsers, and so would"
            + " find(String): rename one of the methods");
  }
}
