package io.gogoscope.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.gogoscope.store.spi.StoreArguments;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Distinct arguments give distinct keys: the encoding of substituted values is injective, never
 * yields a separator, and yields text every store takes; ordinary ids stay readable.
 */
class KeyValuesTest {

  /** Literal texts between references, each holding at least one separator (what the processor allows). */
  private static final List<String> SEPARATING_LITERALS = List.of(":", "/", "|", ",", "-:", ":v=", "}{", "#");

  @Test
  void ordinaryIdsStayAsTheyAre() {
    assertThat(key(":", "42", "7")).isEqualTo("42:7");
    assertThat(KeyValues.of("ada@example.com")).isEqualTo("ada@example.com");
    assertThat(KeyValues.of("3f2c-11ee-be56")).isEqualTo("3f2c-11ee-be56");
    assertThat(KeyValues.of("Zürich 😀")).isEqualTo("Zürich 😀");
    assertThat(KeyValues.of((Object) 42L)).isEqualTo("42");
    String id = "order-17";
    assertThat(KeyValues.of(id)).isSameAs(id); // nothing to encode: no copy
  }

  @Test
  void separatorsTheEscapeAndNullAreEncoded() {
    assertThat(key(":", "1:2", "3")).isEqualTo("1%3A2:3");
    assertThat(key(":", "1", "2:3")).isEqualTo("1:2%3A3");
    assertThat(KeyValues.of((Object) null)).isEqualTo("%null");
    assertThat(KeyValues.of("null")).isEqualTo("null");
    assertThat(KeyValues.of("%null")).isEqualTo("%25null");
    assertThat(KeyValues.of("a/b|c,d;e=f#g{h}i")).isEqualTo("a%2Fb%7Cc%2Cd%3Be%3Df%23g%7Bh%7Di");
    assertThat(KeyValues.of("}order")).isEqualTo("%7Dorder");
    assertThat(KeyValues.of(':')).isEqualTo("%3A");
  }

  @Test
  void loneSurrogatesAndControlsAreEncodedSoEveryStoreTakesThem() {
    assertThat(KeyValues.of("s\uD800")).isEqualTo("s%uD800");
    assertThat(KeyValues.of("s\uDBFF")).isEqualTo("s%uDBFF");
    assertThat(KeyValues.of("s?")).isEqualTo("s?");
    assertThat(KeyValues.of("\uDC00\uD800x")).isEqualTo("%uDC00%uD800x");
    assertThat(KeyValues.of("a\u0000b")).isEqualTo("a%00b");
    assertThat(KeyValues.of("line\nbreak\u007F")).isEqualTo("line%0Abreak%7F");
    assertThat(KeyValues.of("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
  }

  /** The lookup tables say of every char what the documented rule says (the rule as it was first written). */
  @Test
  void everyCharIsEncodedExactlyWhenTheRuleSaysSo() {
    for (int i = Character.MIN_VALUE; i <= Character.MAX_VALUE; i++) {
      char c = (char) i;
      boolean separator = KeyValues.SEPARATORS.indexOf(c) >= 0;
      boolean escaped = c < 0x20 || c == 0x7F || c == '%' || separator;
      assertThat(KeyValues.isSeparator(c)).as("isSeparator(U+%04X)", i).isEqualTo(separator);
      String expected = escaped ? String.format("%%%02X", i)
          : Character.isSurrogate(c) ? String.format("%%u%04X", i) : String.valueOf(c);
      assertThat(KeyValues.of(c)).as("U+%04X", i).isEqualTo(expected);
    }
  }

  @Test
  void integralValuesAreTheirDecimalText() {
    assertThat(KeyValues.of(42)).isEqualTo("42").isEqualTo(KeyValues.of((Object) 42));
    assertThat(KeyValues.of(-7L)).isEqualTo("-7");
    assertThat(KeyValues.of(Long.MIN_VALUE)).isEqualTo(KeyValues.of((Object) Long.MIN_VALUE));
  }

  @Property(tries = 2000)
  void distinctTuplesGiveDistinctKeys(
      @ForAll("tuples") List<String> first, @ForAll("tuples") List<String> second, @ForAll("literals") String literal) {
    Assume.that(!first.equals(second));
    assertThat(key(literal, first.toArray(String[]::new))).isNotEqualTo(key(literal, second.toArray(String[]::new)));
  }

  @Property(tries = 2000)
  void theEncodingIsInjective(@ForAll("values") String a, @ForAll("values") String b) {
    Assume.that(a == null ? b != null : !a.equals(b));
    assertThat(KeyValues.of(a)).isNotEqualTo(KeyValues.of(b));
  }

  @Property(tries = 2000)
  void anEncodedValueHoldsNoSeparatorAndIsTakenByEveryStore(@ForAll("values") String value) {
    String encoded = KeyValues.of(value);
    assertThat(encoded.chars().noneMatch(c -> KeyValues.isSeparator((char) c))).isTrue();
    assertThatCode(() -> StoreArguments.key("k:" + encoded, "lock key")).doesNotThrowAnyException();
  }

  @Property(tries = 500)
  void textWithNothingToEncodeStays(@ForAll("plain") String value) {
    assertThat(KeyValues.of(value)).isSameAs(value);
  }

  /** Values built mostly from the characters that matter, plus any Unicode. */
  @Provide
  Arbitrary<String> values() {
    Arbitrary<Character> tricky = Arbitraries.of(':', '/', '|', ',', ';', '=', '#', '{', '}', '%', 'n', 'u', 'l',
        'A', '3', 'D', '0', '\u0000', '\n', '\u007F', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '?');
    Arbitrary<String> text = Arbitraries.oneOf(tricky, Arbitraries.chars()).list().ofMaxSize(8)
        .map(chars -> {
          StringBuilder s = new StringBuilder();
          chars.forEach(s::append);
          return s.toString();
        });
    return Arbitraries.oneOf(text, Arbitraries.of("null", "%null", "%25", "%3A", "%uD800", ":", "")).injectNull(0.1);
  }

  @Provide
  Arbitrary<List<String>> tuples() {
    return Combinators.combine(values(), values(), values()).as((a, b, c) -> {
      List<String> tuple = new ArrayList<>();
      tuple.add(a);
      tuple.add(b);
      tuple.add(c);
      return tuple;
    });
  }

  @Provide
  Arbitrary<String> literals() {
    return Arbitraries.of(SEPARATING_LITERALS);
  }

  @Provide
  Arbitrary<String> plain() {
    return Arbitraries.strings().alpha().numeric().withChars('-', '_', '.', '@', ' ', 'é', 'ß').ofMaxLength(20);
  }

  /** {@code v1 + literal + v2 + literal + ...}, as generated code joins them. */
  private static String key(String literal, String... values) {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      key.append(i == 0 ? "" : literal).append(KeyValues.of(values[i]));
    }
    return key.toString();
  }
}
