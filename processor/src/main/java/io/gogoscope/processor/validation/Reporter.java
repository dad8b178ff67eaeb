package io.gogoscope.processor.validation;

import io.gogoscope.processor.model.Position;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The one way the processor speaks to the user: each message carries its {@link Problem} id and
 * points at the most precise position known (the annotation value, else the annotation, else the
 * element). Reporting never stops processing, so one compile shows every problem.
 *
 * <p>A problem of a method the interface being processed inherits is reported on that interface,
 * naming the method and where it is declared (as Dagger does): the super-interface may come from
 * a jar, where javac has no file or line to show, and the fix is often in the interface being
 * processed (override the method, or leave the super-interface out).
 */
public final class Reporter {
  private final Messager messager;
  private int errors;
  private TypeElement processed;

  /** A reporter printing through {@code messager}. */
  public Reporter(Messager messager) {
    this.messager = messager;
  }

  /** Sets the interface being processed: what follows is reported on it or inside it. */
  public void processing(TypeElement type) {
    processed = type;
  }

  /** Reports {@code problem} at {@code position} as a compile error. */
  public void error(Problem problem, Position position, Object... arguments) {
    errors++;
    String message = problem.format(arguments);
    if (processed != null && !isWithin(position.element(), processed)) {
      messager.printMessage(Diagnostic.Kind.ERROR,
          message + " (in " + describe(position.element()) + ", which "
              + processed.getQualifiedName() + " inherits)",
          processed);
    } else if (position.value().isPresent() && position.annotation().isPresent()) {
      messager.printMessage(Diagnostic.Kind.ERROR, message, position.element(),
          position.annotation().get(), position.value().get());
    } else if (position.annotation().isPresent()) {
      messager.printMessage(Diagnostic.Kind.ERROR, message, position.element(), position.annotation().get());
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, message, position.element());
    }
  }

  private static boolean isWithin(Element element, TypeElement type) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      if (e.equals(type)) {
        return true;
      }
    }
    return false;
  }

  /** The method {@code element} is or belongs to, with its declaring type; else the element. */
  private static String describe(Element element) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      if (e instanceof ExecutableElement method
          && method.getEnclosingElement() instanceof TypeElement owner) {
        return "the method " + owner.getQualifiedName() + "." + method;
      }
    }
    return element.getKind().toString().toLowerCase(java.util.Locale.ROOT) + " " + element;
  }

  /** How many errors have been reported so far. */
  public int errorCount() {
    return errors;
  }
}
