package io.gogoscope.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * How a task's {@code CallContext} is written: once, in a method the call and the fork share, with
 * each accessor along a key's property paths called once, and only the type variables it needs.
 */
class CallContextCodeTest {

  @Test
  void eachAccessorOfTheKeysIsCalledOnceAndTheContextIsWrittenOnce() throws IOException {
    JavaFileObject file = MisuseTest.source("""
        @ScopeTask interface Orders {
          record Customer(String id, String name) {}
          final class Order {
            public Customer getCustomer() { return null; }
          }
          @DistributedLock(key = "{order.customer.id}:{order.customer.name}")
          @RateLimit(limit = 5, key = "{order.customer.id}")
          void place(Order order);
        }
        """);
    Compilation compilation = Compiler.compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    String implementation = implementation(compilation, "test.ScopedOrdersImpl");

    assertThat(occurrences(implementation, ".getCustomer()")).isEqualTo(1);
    assertThat(occurrences(implementation, "customer.id()")).isEqualTo(2); // one per key
    assertThat(occurrences(implementation, "placeContext(order)")).isEqualTo(2); // call and fork
    assertThat(occurrences(implementation, "new CallContext(")).isEqualTo(1);
    assertThat(implementation).doesNotContain("null, null");
  }

  @Test
  void aContextMethodDeclaresOnlyTheTypeVariablesItsParametersUse() throws IOException {
    JavaFileObject file = MisuseTest.source("""
        @ScopeTask interface Tags {
          @DistributedLock(key = "{label}")
          <T extends CharSequence, U> void tag(T label, List<U> items);
          @DistributedLock(key = "{id}")
          <T> void mark(String id, List<T> items);
        }
        """);
    Compilation compilation = Compiler.compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    String implementation = implementation(compilation, "test.ScopedTagsImpl");

    assertThat(implementation).contains("private static <T extends CharSequence> CallContext tagContext(T label)");
    assertThat(implementation).contains("private static CallContext markContext(String id)");
  }

  private static String implementation(Compilation compilation, String name) throws IOException {
    return compilation.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }
}
