package io.gogoscope.processor.model;

import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * The union of every task's error union of one interface ({@code UserServiceError}): a sealed
 * interface that permits the tasks' unions and holds the variant records they share. A record such
 * as {@code TimedOut} is written once and implements each task union that has it, so a task union
 * still names exactly its own variants ({@code FetchUserError.TimedOut} finds the shared record as
 * an inherited member type) while an interface of ten tasks compiles a handful of records, not
 * one per task and variant.
 *
 * @param name its simple name
 * @param variants every variant of the tasks' unions, each once: declared exceptions in the order
 *     the tasks first name them, then the policy variants in {@link ErrorVariant.Kind}'s order
 * @param routes how a thrown exception finds its variant, for every task at once: tested in order,
 *     the first whose type the exception is an instance of, and whose variant the calling task's
 *     union has, wins (declared unchecked exceptions most specific first, then
 *     {@code RuntimeException} to {@code Unexpected}, then declared checked exceptions most specific
 *     first; a route that an earlier route of every task already covers is left out). Filtered to
 *     one task's variants, these are the routes that task alone would have.
 * @param routesAll whether the last route is {@code Exception} itself for every task, which leaves
 *     no exception for the undeclared fallback ({@code Unexpected} wrapping it in an
 *     {@code UndeclaredThrowableException})
 */
public record ServiceUnion(String name, List<ErrorVariant> variants, List<Route> routes, boolean routesAll) {

  /**
   * One test of the generated mapper: an exception of {@code type} becomes {@code variant}.
   *
   * @param type the exception type
   * @param variant the variant's name
   * @param everyTask whether every task's union has the variant, so the test needs no check of
   *     the calling task's union
   */
  public record Route(TypeMirror type, String variant, boolean everyTask) {}
}
