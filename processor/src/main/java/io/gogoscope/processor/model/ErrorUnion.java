package io.gogoscope.processor.model;

import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * A method's sealed error union: declared exceptions first (most specific first), then the policy
 * variants in a fixed order, then {@code Cancelled} and {@code Unexpected}.
 *
 * @param name the union's simple name, such as {@code FetchUserError}
 * @param variants its records, in order
 * @param routes how a thrown exception finds its variant: tested in order, the first whose type
 *     it is an instance of wins (declared unchecked exceptions, then {@code RuntimeException} to
 *     {@code Unexpected}, then declared checked exceptions; routes that an earlier one already
 *     covers are left out)
 * @param routesAll whether the last route is {@code Exception} itself, which leaves no exception
 *     for the undeclared fallback ({@code Unexpected} wrapping it in an
 *     {@code UndeclaredThrowableException})
 */
public record ErrorUnion(String name, List<ErrorVariant> variants, List<Route> routes, boolean routesAll) {

  /**
   * One test of the generated mapper: an exception of {@code type} becomes {@code variant}.
   *
   * @param type the exception type
   * @param variant the variant's name
   */
  public record Route(TypeMirror type, String variant) {}
}
