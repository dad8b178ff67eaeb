package io.gogoscope.processor.model;

import com.google.auto.common.MoreTypes;
import io.gogoscope.processor.model.ErrorVariant.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Builds a task's error union: which variants it has, in which order, under which names; and the
 * interface-wide union whose records the tasks' unions share.
 *
 * <p>Declared exceptions come first, most specific first (a subtype before its supertypes, else in
 * {@code throws} order). A declared variant is named by {@link Names#variantBase}; when that name
 * is taken (by another declared exception of any task of the interface, by a policy variant, or by
 * a union or the generated interface) the next candidate is tried: the exception's simple name, then that name
 * prefixed with its package's or enclosing type's last name, then its qualified name spelled as one
 * word. Policy variant names are reserved whether or not the method has the policy, so adding a
 * policy later never renames a declared variant.
 */
final class ErrorUnions {
  private static final Map<Kind, String> POLICY_NAMES = new LinkedHashMap<>();

  static {
    for (Kind kind : Kind.values()) {
      if (kind != Kind.DECLARED) {
        POLICY_NAMES.put(kind, kind.marker());
      }
    }
  }

  private final Types types;
  private final TypeMirror runtimeException;
  private final TypeMirror exception;

  ErrorUnions(Types types, Elements elements) {
    this.types = types;
    this.runtimeException = elements.getTypeElement("java.lang.RuntimeException").asType();
    this.exception = elements.getTypeElement("java.lang.Exception").asType();
  }

  /**
   * The names of the declared variants of all {@code tasksThrown} (one list per task), chosen
   * together: the variant records are shared by the interface's unions, so one exception has one
   * name in all of them, and two exceptions never share one. Keyed by the exception's qualified
   * name (an exception type cannot be generic, so that name identifies it).
   */
  Map<String, String> declaredNames(List<List<ThrownType>> tasksThrown, Set<String> reserved) {
    List<TypeMirror> all = new ArrayList<>();
    for (List<ThrownType> thrown : tasksThrown) {
      for (TypeMirror type : mostSpecificFirst(thrown)) {
        if (all.stream().noneMatch(seen -> types.isSameType(seen, type))) {
          all.add(type);
        }
      }
    }
    Map<TypeMirror, String> names = nameEach(all, reserved);
    Map<String, String> byQualifiedName = new LinkedHashMap<>();
    all.forEach(type -> byQualifiedName.put(qualifiedName(type), names.get(type)));
    return byQualifiedName;
  }

  /** A task's union, its declared variants named by {@code declaredNames}. */
  ErrorUnion union(
      String unionName,
      Map<String, String> declaredNames,
      List<ThrownType> thrown,
      boolean timeout,
      boolean lock,
      boolean rateLimit,
      boolean circuitBreaker,
      boolean bulkhead) {
    List<ErrorVariant> variants = new ArrayList<>();
    List<TypeMirror> declared = mostSpecificFirst(thrown);
    Map<TypeMirror, String> names = new HashMap<>();
    declared.forEach(type -> names.put(type, declaredNames.get(qualifiedName(type))));
    for (TypeMirror exception : declared) {
      variants.add(new ErrorVariant(names.get(exception), Kind.DECLARED, Optional.of(exception)));
    }
    addIf(variants, timeout, Kind.TIMED_OUT);
    addIf(variants, lock, Kind.LOCK_UNAVAILABLE);
    addIf(variants, rateLimit, Kind.RATE_LIMITED);
    addIf(variants, circuitBreaker, Kind.CIRCUIT_OPEN);
    addIf(variants, bulkhead, Kind.BULKHEAD_FULL);
    addIf(variants, true, Kind.CANCELLED);
    addIf(variants, true, Kind.UNEXPECTED);
    return new ErrorUnion(unionName, List.copyOf(variants));
  }

  /**
   * The interface-wide union of {@code unions}, the tasks' unions whose declared exceptions are
   * {@code tasksThrown}: each variant once, declared ones in the order the unions first name them,
   * then the policy variants in {@link Kind}'s order; and the routes of its mapper.
   */
  ServiceUnion service(String name, List<ErrorUnion> unions, List<List<ThrownType>> tasksThrown) {
    Map<String, ErrorVariant> declared = new LinkedHashMap<>();
    Map<Kind, ErrorVariant> policies = new EnumMap<>(Kind.class);
    for (ErrorUnion union : unions) {
      for (ErrorVariant variant : union.variants()) {
        if (variant.kind() == Kind.DECLARED) {
          declared.putIfAbsent(variant.name(), variant);
        } else {
          policies.putIfAbsent(variant.kind(), variant);
        }
      }
    }
    List<ErrorVariant> variants = new ArrayList<>(declared.values());
    variants.addAll(policies.values());
    List<ThrownType> allThrown = tasksThrown.stream().flatMap(List::stream).toList();
    List<ServiceUnion.Route> routes = routes(mostSpecificFirst(allThrown), declared.values(), unions);
    ServiceUnion.Route last = routes.get(routes.size() - 1);
    boolean routesAll = last.everyTask() && types.isSameType(last.type(), exception);
    return new ServiceUnion(name, List.copyOf(variants), routes, routesAll);
  }

  private List<ServiceUnion.Route> routes(
      List<TypeMirror> declared, Collection<ErrorVariant> variants, List<ErrorUnion> unions) {
    Map<String, String> names = new HashMap<>();
    variants.forEach(variant -> names.put(qualifiedName(variant.exception().orElseThrow()), variant.name()));
    List<ServiceUnion.Route> candidates = new ArrayList<>();
    declared.stream()
        .filter(type -> types.isSubtype(type, runtimeException))
        .forEach(type -> candidates.add(route(type, names.get(qualifiedName(type)), unions)));
    candidates.add(route(runtimeException, POLICY_NAMES.get(Kind.UNEXPECTED), unions));
    declared.stream()
        .filter(type -> !types.isSubtype(type, runtimeException))
        .forEach(type -> candidates.add(route(type, names.get(qualifiedName(type)), unions)));
    List<ServiceUnion.Route> routes = new ArrayList<>();
    for (ServiceUnion.Route candidate : candidates) {
      // Only a route that every task takes hides later ones, as only an unguarded case does.
      if (routes.stream().noneMatch(earlier -> earlier.everyTask() && types.isSubtype(candidate.type(), earlier.type()))) {
        routes.add(candidate);
      }
    }
    return List.copyOf(routes);
  }

  private static ServiceUnion.Route route(TypeMirror type, String variant, List<ErrorUnion> unions) {
    boolean everyTask = unions.stream()
        .allMatch(union -> union.variants().stream().anyMatch(v -> v.name().equals(variant)));
    return new ServiceUnion.Route(type, variant, everyTask);
  }

  private static void addIf(List<ErrorVariant> variants, boolean present, Kind kind) {
    if (present) {
      variants.add(new ErrorVariant(POLICY_NAMES.get(kind), kind, Optional.empty()));
    }
  }

  /** The exceptions that get variants, duplicates removed, each before its supertypes. */
  private List<TypeMirror> mostSpecificFirst(List<ThrownType> thrown) {
    List<TypeMirror> remaining = new ArrayList<>();
    for (ThrownType type : thrown) {
      boolean variant = type.category() == ThrownType.Category.CHECKED
          || type.category() == ThrownType.Category.UNCHECKED;
      if (variant && remaining.stream().noneMatch(seen -> types.isSameType(seen, type.type()))) {
        remaining.add(type.type());
      }
    }
    List<TypeMirror> ordered = new ArrayList<>();
    while (!remaining.isEmpty()) {
      TypeMirror next = remaining.stream()
          .filter(candidate -> remaining.stream()
              .noneMatch(other -> other != candidate && types.isSubtype(other, candidate)))
          .findFirst()
          .orElseThrow();
      ordered.add(next);
      remaining.remove(next);
    }
    return ordered;
  }

  /**
   * Each exception takes the first of its candidate names ({@code Conflict}, then
   * {@code ConflictException}, then {@code AConflict} after its package or enclosing type, then
   * its qualified name as one word) that no other declared exception has at the same step and that
   * is not reserved.
   */
  private Map<TypeMirror, String> nameEach(List<TypeMirror> declared, Set<String> reserved) {
    Map<TypeMirror, List<String>> candidates = new LinkedHashMap<>();
    for (TypeMirror exception : declared) {
      TypeElement element = MoreTypes.asTypeElement(exception);
      String base = Names.variantBase(element.getSimpleName().toString());
      String owner = Names.capitalize(Names.wordCase(element.getEnclosingElement().getSimpleName().toString()));
      candidates.put(exception, List.of(base, element.getSimpleName().toString(), owner + base, qualifiedWord(exception)));
    }
    Map<TypeMirror, String> names = new HashMap<>();
    for (TypeMirror exception : declared) {
      List<String> own = candidates.get(exception);
      for (int step = 0; step < own.size(); step++) {
        String name = own.get(step);
        int at = step;
        boolean shared = candidates.entrySet().stream()
            .anyMatch(other -> other.getKey() != exception && other.getValue().get(at).equals(name));
        if ((!shared && !taken(name, reserved)) || step == own.size() - 1) {
          names.put(exception, name);
          break;
        }
      }
    }
    return names;
  }

  private static boolean taken(String name, Set<String> reserved) {
    return POLICY_NAMES.containsValue(name) || reserved.contains(name);
  }

  private static String qualifiedName(TypeMirror exception) {
    return MoreTypes.asTypeElement(exception).getQualifiedName().toString();
  }

  /** {@code com.acme.Outer.FooException} becomes {@code ComAcmeOuterFooException}. */
  private static String qualifiedWord(TypeMirror exception) {
    TypeElement element = MoreTypes.asTypeElement(exception);
    StringBuilder word = new StringBuilder();
    for (String segment : element.getQualifiedName().toString().split("\\.")) {
      word.append(Names.capitalize(segment));
    }
    return word.toString();
  }
}
