package io.gogoscope.processor.validation;

import io.gogoscope.processor.model.KeyTemplate;
import io.gogoscope.processor.model.KeyTemplate.Fault;
import io.gogoscope.processor.model.MethodModel;
import java.util.Locale;
import java.util.Optional;

/** Reports what is wrong with a lock or rate-limit key template. */
final class KeyRules {
  private final Reporter reporter;

  KeyRules(Reporter reporter) {
    this.reporter = reporter;
  }

  /**
   * Checks {@code key}; {@code taskName} is the key an empty template stands for. A template that
   * resolves is further checked to tell every argument apart and to fit every store.
   */
  void check(String annotation, KeyTemplate key, MethodModel method, String methodName, String packageName,
      String taskName) {
    String written = Display.member(annotation, "key", key.text());
    if (key.faults().isEmpty()) {
      checkSeparators(written, key);
      checkFixedText(written, key, taskName);
    }
    for (Fault fault : key.faults()) {
      switch (fault) {
        case KeyTemplate.Malformed malformed -> reporter.error(Problem.KEY_SYNTAX, key.text().position(),
            written, malformed.reason(), malformed.index());
        case KeyTemplate.UnknownParameter unknown -> reporter.error(Problem.KEY_PARAMETER,
            key.text().position(), written, unknown.name(), methodName, suggestion(unknown));
        case KeyTemplate.UnknownProperty property -> reporter.error(Problem.KEY_PROPERTY,
            key.text().position(), written, Display.type(property.owner()), property.property(),
            io.gogoscope.processor.model.Names.capitalize(property.property()),
            packageName.isEmpty() ? "(unnamed)" : packageName, property.path());
        case KeyTemplate.ArrayValue array -> reporter.error(Problem.KEY_ARRAY, key.text().position(),
            written, array.path(), Display.type(array.type()));
      }
    }
  }

  /** Between two references there must be literal text holding a separator. */
  private void checkSeparators(String written, KeyTemplate key) {
    KeyTemplate.Reference previous = null;
    boolean separated = true;
    for (KeyTemplate.Part part : key.parts()) {
      switch (part) {
        case KeyTemplate.Literal literal -> separated |= literal.text().chars().anyMatch(
            c -> StoreBounds.KEY_SEPARATORS.indexOf(c) >= 0);
        case KeyTemplate.Reference reference -> {
          if (!separated) {
            reporter.error(Problem.KEY_SEPARATOR, key.text().position(), written, previous.path(), reference.path(),
                separatorList(), previous.path(), reference.path());
            return;
          }
          previous = reference;
          separated = false;
        }
      }
    }
  }

  /** The fixed text alone must fit the SQL stores, and hold nothing a store refuses. */
  private void checkFixedText(String written, KeyTemplate key, String taskName) {
    String fixed = key.isEmpty() ? taskName : key.parts().stream()
        .filter(KeyTemplate.Literal.class::isInstance)
        .map(part -> ((KeyTemplate.Literal) part).text())
        .collect(java.util.stream.Collectors.joining());
    if (fixed.length() > StoreBounds.MAX_KEY_LENGTH) {
      String what = key.isEmpty() ? "the task name it stands for" : key.parts().size() == 1 ? "the key" : "its fixed text alone";
      reporter.error(Problem.KEY_LENGTH, key.text().position(), written, what, fixed.length(), StoreBounds.MAX_KEY_LENGTH);
      return;
    }
    for (int i = 0; i < fixed.length(); i++) {
      char c = fixed.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < fixed.length() && Character.isLowSurrogate(fixed.charAt(i + 1));
      if (c == 0 || Character.isSurrogate(c) && !pair) {
        String shown = c == 0 ? "NUL (\\u0000)" : String.format(Locale.ROOT, "a lone UTF-16 surrogate (\\u%04X)", (int) c);
        reporter.error(Problem.KEY_TEXT, key.text().position(), escaped(written), shown, i);
        return;
      }
      if (pair) {
        i++;
      }
    }
  }

  /** {@code text} with NUL and lone surrogates written as {@code \\uXXXX}, so a message can show it. */
  private static String escaped(String text) {
    StringBuilder shown = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        shown.append(c).append(text.charAt(++i));
      } else if (c == 0 || Character.isSurrogate(c)) {
        shown.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else {
        shown.append(c);
      }
    }
    return shown.toString();
  }

  private static String separatorList() {
    return String.join(" ", StoreBounds.KEY_SEPARATORS.chars().filter(c -> c != '{' && c != '}')
        .mapToObj(c -> String.valueOf((char) c)).toList());
  }

  private static String suggestion(KeyTemplate.UnknownParameter unknown) {
    if (unknown.parameters().isEmpty()) {
      return "the method has no parameters; use a constant key or leave key out for the task name";
    }
    Optional<String> close = unknown.parameters().stream()
        .filter(name -> name.toLowerCase(Locale.ROOT).equals(unknown.name().toLowerCase(Locale.ROOT)))
        .findFirst();
    return close.map(name -> "did you mean {" + name + "}?")
        .orElse("its parameters are " + String.join(", ", unknown.parameters()));
  }
}
