package io.gogoscope.store.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Keys every store refuses, each with the words of the one message its rule gives on every
 * backend: keys a store could not keep apart from others (lone UTF-16 surrogates, which UTF-8
 * cannot hold: "s" followed by U+D800, "s" followed by U+DBFF and "s?" were one key on Redis and SQL)
 * or could not store at all (NUL, which PostgreSQL refuses), and the empty key.
 */
final class RefusedKeys {

  /** A refused key and the words its message contains. */
  record Refused(String key, String says) {}

  private RefusedKeys() {}

  /** The refused keys, each made of {@code base} (a key of the test's own) and what breaks the rule. */
  static List<Refused> around(String base) {
    return List.of(
        new Refused("", "must not be empty"),
        new Refused(base + "s\uD800", "lone UTF-16 surrogate (\\uD800) at index " + (base.length() + 1)),
        new Refused(base + "s\uDBFF", "lone UTF-16 surrogate (\\uDBFF)"),
        new Refused(base + "\uDC00s", "lone UTF-16 surrogate (\\uDC00) at index " + base.length()),
        new Refused(base + "s\uDE00\uD83D", "lone UTF-16 surrogate (\\uDE00)"),
        new Refused(base + "a\u0000b", "contains NUL (\\u0000) at index " + (base.length() + 1)));
  }

  /** Asserts that {@code use} of {@code refused.key()} fails with its rule's message. */
  static void assertRefused(Refused refused, ThrowingCallable use) {
    assertThatThrownBy(use)
        .as("key %s", refused.key().chars().mapToObj(c -> String.format("\\u%04X", c)).toList())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(refused.says());
  }
}
