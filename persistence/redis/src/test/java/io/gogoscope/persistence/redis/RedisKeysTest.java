package io.gogoscope.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.redisson.api.RedissonClient;
import org.redisson.connection.CRC16;

/**
 * Issue 10, item 4 on Redis: every name the stores give Redis for one key shares one cluster slot
 * through a non-empty hash tag (a key starting with {@code '}'} used to give an empty tag, so the
 * lock and its fence key landed in different slots: CROSSSLOT), and two distinct keys never share a
 * name, as the UTF-8 bytes Redisson sends. Keys are drawn from the characters that could break the
 * layout (braces, the escape's own characters, supplementary characters) and from all of Unicode
 * without lone surrogates (which the stores refuse).
 */
class RedisKeysTest {
  private static final RedisKeys KEYS = new RedisKeys("app:");
  private static final String TOKEN = "0123456789abcdef0123456789abcdef:17";

  @Property(tries = 1_000)
  void distinctKeysNeverShareANameAndNamesOfOneKeyDiffer(
      @ForAll("awkwardKeys") String first, @ForAll("awkwardKeys") String second) {
    Map<ByteBuffer, String> seen = new LinkedHashMap<>();
    for (String key : new HashSet<>(List.of(first, second))) {
      for (Map.Entry<String, String> name : names(key).entrySet()) {
        ByteBuffer bytes = ByteBuffer.wrap(name.getValue().getBytes(StandardCharsets.UTF_8));
        String role = name.getKey() + " of \"" + key + "\"";
        assertThat(seen.putIfAbsent(bytes, role)).as("%s is also %s", role, seen.get(bytes)).isNull();
      }
    }
  }

  @Property(tries = 1_000)
  void everyNameOfAKeyHasTheKeyAsItsNonEmptyHashTag(@ForAll("awkwardKeys") String key) {
    assertAllInOneSlot(key);
  }

  @Property(tries = 1_000)
  void theSameHoldsForAnyUnicodeKey(@ForAll("unicodeKeys") String key, @ForAll("unicodeKeys") String other) {
    assertAllInOneSlot(key);
    if (!key.equals(other)) {
      Set<ByteBuffer> names = new HashSet<>();
      names(key).values().forEach(name -> names.add(ByteBuffer.wrap(name.getBytes(StandardCharsets.UTF_8))));
      names(other).values().forEach(name -> assertThat(names).doesNotContain(ByteBuffer.wrap(name.getBytes(StandardCharsets.UTF_8))));
    }
  }

  @Example
  void ordinaryKeysStayReadable() {
    assertThat(KEYS.lock("order:42:7")).isEqualTo("app:lock:{order:42:7}");
    assertThat(KEYS.fence("order:42:7")).isEqualTo("app:lock:{order:42:7}:fence");
    assertThat(KEYS.rateLimit("user:{id}")).isEqualTo("app:rate:{user:{id%7D}");
    assertThat(KEYS.circuit("}payments")).isEqualTo("app:circuit:{%7Dpayments}");
    assertThat(KEYS.lock("50%")).isEqualTo("app:lock:{50%25}");
  }

  @Example
  void theKeyPrefixRefusesBracesAndLoneSurrogates() {
    RedissonClient unused =
        (RedissonClient) Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {RedissonClient.class},
            (proxy, method, args) -> {
              throw new UnsupportedOperationException("the builder only keeps the client");
            });
    RedisStores.Builder builder = RedisStores.builder(unused);
    assertThatThrownBy(() -> builder.keyPrefix("a{b")).hasMessageContaining("must not contain '{' or '}'");
    assertThatThrownBy(() -> builder.keyPrefix("s\uD800:")).hasMessageContaining("lone UTF-16 surrogate (at index 1)");
    assertThatThrownBy(() -> builder.keyPrefix("s\uDC00")).hasMessageContaining("lone UTF-16 surrogate (at index 1)");
    builder.keyPrefix("s\uD83D\uDE00:"); // a pair is one character: fine
  }

  /** Every name the stores use for {@code key}, by role (channels included: they must differ too). */
  private static Map<String, String> names(String key) {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("lock", KEYS.lock(key));
    names.put("fence", KEYS.fence(key));
    names.put("lock abandoned", KEYS.lockAbandoned(key, TOKEN));
    names.put("released channel", KEYS.released(key));
    names.put("rate limit", KEYS.rateLimit(key));
    names.put("rate limit abandoned", KEYS.rateLimitAbandoned(key, TOKEN));
    names.put("circuit", KEYS.circuit(key));
    names.put("circuit channel", KEYS.circuitChanges(key));
    return names;
  }

  private static void assertAllInOneSlot(String key) {
    for (Map.Entry<String, String> name : names(key).entrySet()) {
      String tag = hashTag(name.getValue());
      assertThat(tag).as("hash tag of the %s name %s", name.getKey(), name.getValue()).isNotNull().isNotEmpty();
      assertThat(unescape(tag)).as("the %s name's tag is the key", name.getKey()).isEqualTo(key);
    }
    assertThat(names(key).values().stream().map(RedisKeysTest::slot).distinct()).as("slots of \"%s\"", key).hasSize(1);
  }

  /** Redis Cluster's rule: between the first '{' and the first '}' after it, if not empty. */
  private static String hashTag(String name) {
    int open = name.indexOf('{');
    int close = open < 0 ? -1 : name.indexOf('}', open + 1);
    return close > open + 1 ? name.substring(open + 1, close) : null;
  }

  private static int slot(String name) {
    String tag = hashTag(name);
    return CRC16.crc16((tag == null ? name : tag).getBytes(StandardCharsets.UTF_8)) % 16384;
  }

  /** Undoes the escaping, strictly: anything but %25 and %7D after a '%' is an error. */
  private static String unescape(String escaped) {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c != '%') {
        key.append(c);
        continue;
      }
      String code = escaped.substring(i + 1, Math.min(escaped.length(), i + 3));
      key.append(
          switch (code) {
            case "25" -> '%';
            case "7D" -> '}';
            default -> throw new AssertionError("not an escape: %" + code + " in " + escaped);
          });
      i += 2;
    }
    return key.toString();
  }

  @Provide
  Arbitrary<String> awkwardKeys() {
    Arbitrary<String> piece = Arbitraries.of("{", "}", "%", "%7D", "%25", "7D", "25", ":", "a", ":fence", ":abandoned:", "\uD83D\uDE00", "é", "\u0000");
    return piece.list().ofMinSize(1).ofMaxSize(6).map(pieces -> String.join("", pieces));
  }

  @Provide
  Arbitrary<String> unicodeKeys() {
    Arbitrary<Integer> codePoint =
        Arbitraries.integers().between(0, Character.MAX_CODE_POINT).filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE);
    return codePoint.list().ofMinSize(1).ofMaxSize(8).map(points -> points.stream().map(Character::toString).reduce("", String::concat));
  }
}
