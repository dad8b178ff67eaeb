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

  void check(String annotation, KeyTemplate key, MethodModel method, String methodName, String packageName) {
    String written = Display.member(annotation, "key", key.text());
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
