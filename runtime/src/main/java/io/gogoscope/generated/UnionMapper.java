package io.gogoscope.generated;

import java.util.Objects;

/**
 * The base of a generated interface's one error mapper: one class builds the variant records every
 * task of the interface shares, and each instance narrows them to its own task's sealed union
 * {@code E}. Generated code extends it; code written by hand has no use for it.
 *
 * <p>A failure mode reaches a mapper only when the task has the policy that produces it, so
 * {@link #into} never meets a variant outside the union unless the runtime itself is wrong, and
 * then it says so rather than failing with a bare {@link ClassCastException}.
 *
 * @param <E> the task's union
 */
public abstract class UnionMapper<E> implements ErrorMapper<E> {
  private final Class<E> union;

  /** A mapper into {@code union}, the sealed union of the task it serves. */
  protected UnionMapper(Class<E> union) {
    this.union = Objects.requireNonNull(union, "union");
  }

  /** {@code variant} as a value of the task's union; it must be one of the union's variants. */
  protected final E into(Object variant) {
    if (union.isInstance(variant)) {
      return union.cast(variant);
    }
    throw new IllegalStateException("gogoscope bug: " + variant.getClass().getSimpleName()
        + " reported for a call whose error type " + union.getName() + " has no such variant");
  }

  /** Whether the task's union has the variant record {@code variant}: routes a declared exception. */
  protected final boolean has(Class<?> variant) {
    return union.isAssignableFrom(variant);
  }
}
