package io.gogoscope.processor.model;

import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * A lock or rate-limit key template such as {@code "order:{orderId}"} or {@code "{order.id}"},
 * split into literal text and references to parameters, each reference resolved against the
 * method's parameters and the types' accessors. What could not be resolved is kept as
 * {@link #faults()} for validation to report.
 *
 * @param text the template as written (a {@link Setting} for its position)
 * @param parts the literal text and the resolved references, in order
 * @param faults what is wrong with the template; empty when it can be generated
 */
public record KeyTemplate(Setting<String> text, List<Part> parts, List<Fault> faults) {

  /** Whether the template is empty, which means "use the task name". */
  public boolean isEmpty() {
    return text.value().isEmpty();
  }

  /** A piece of the key. */
  public sealed interface Part {}

  /** Text copied into the key as it is. */
  public record Literal(String text) implements Part {}

  /**
   * {@code {parameter.property.property}}: a parameter, then accessor calls on it.
   *
   * @param path the reference as written, without braces
   * @param parameter the parameter's name
   * @param parameterType the parameter's type
   * @param accessors the accessor calls, in order; empty for the parameter itself
   */
  public record Reference(
      String path, String parameter, TypeMirror parameterType, List<Accessor> accessors)
      implements Part {}

  /**
   * One step of a property path: a call of {@code method()} returning {@code type}.
   *
   * @param property the property as the template names it ({@code id})
   * @param method the accessor method's name ({@code id} or {@code getId})
   * @param type the type it returns, as a member of the type it is called on
   */
  public record Accessor(String property, String method, TypeMirror type) {}

  /** Something wrong with a template. */
  public sealed interface Fault {}

  /** The template does not parse: {@code reason} at character {@code index}. */
  public record Malformed(int index, String reason) implements Fault {}

  /** {@code {name}} names no parameter of the method. */
  public record UnknownParameter(String name, List<String> parameters) implements Fault {}

  /**
   * {@code path} asks for {@code property} of a {@code owner}, which has no record component or
   * getter of that name.
   */
  public record UnknownProperty(String path, String property, TypeMirror owner) implements Fault {}

  /** {@code path} is an array, whose text would be its identity, not its contents. */
  public record ArrayValue(String path, TypeMirror type) implements Fault {}
}
