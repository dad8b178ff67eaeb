package io.gogoscope.processor.validation;

import io.gogoscope.processor.model.Position;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;

/**
 * The one way the processor speaks to the user: each message carries its {@link Problem} id and
 * points at the most precise position known (the annotation value, else the annotation, else the
 * element). Reporting never stops processing, so one compile shows every problem.
 */
public final class Reporter {
  private final Messager messager;
  private int errors;

  /** A reporter printing through {@code messager}. */
  public Reporter(Messager messager) {
    this.messager = messager;
  }

  /** Reports {@code problem} at {@code position} as a compile error. */
  public void error(Problem problem, Position position, Object... arguments) {
    errors++;
    String message = problem.format(arguments);
    if (position.value().isPresent() && position.annotation().isPresent()) {
      messager.printMessage(Diagnostic.Kind.ERROR, message, position.element(),
          position.annotation().get(), position.value().get());
    } else if (position.annotation().isPresent()) {
      messager.printMessage(Diagnostic.Kind.ERROR, message, position.element(), position.annotation().get());
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, message, position.element());
    }
  }

  /** How many errors have been reported so far. */
  public int errorCount() {
    return errors;
  }
}
