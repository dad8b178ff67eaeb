package io.gogoscope.processor.model;

import javax.lang.model.type.TypeMirror;

/**
 * A type in a method's {@code throws} clause, sorted into what gogoscope does with it.
 *
 * @param type the type
 * @param category what it is
 */
public record ThrownType(TypeMirror type, Category category) {

  /** What a thrown type is to gogoscope. */
  public enum Category {
    /** A checked exception: gets its own variant. */
    CHECKED,
    /** A declared unchecked exception: gets its own variant too. */
    UNCHECKED,
    /** An {@link Error}: never caught, so no variant. */
    ERROR,
    /** {@code Throwable} or a direct subclass that is neither an exception nor an error. */
    THROWABLE,
    /** A type variable ({@code <X extends Exception> ... throws X}). */
    TYPE_VARIABLE
  }
}
