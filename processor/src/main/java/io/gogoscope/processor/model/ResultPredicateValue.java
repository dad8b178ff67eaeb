package io.gogoscope.processor.model;

import javax.lang.model.type.TypeMirror;

/**
 * A {@code @Retry(retryOnResult = P.class)} other than the default: the class, and the results it
 * judges, the {@code T} of the {@code ResultPredicate<T>} it implements.
 *
 * @param predicate the class literal {@code P.class}, where it is written
 * @param judged {@code T}, such as {@code Order} or {@code List<Order>}
 * @param judgedClass {@code T}'s erasure, the class a result is checked against at run time
 */
public record ResultPredicateValue(ClassValue predicate, TypeMirror judged, TypeMirror judgedClass) {}
