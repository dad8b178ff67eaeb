package io.gogoscope.processor.model;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where something was written: an element and, where known, the annotation on it and the value in
 * that annotation. Messages point at the most precise of the three.
 *
 * @param element the element
 * @param annotation the annotation on {@code element}, if the position is inside one
 * @param value the annotation's value, if the position is that value
 */
public record Position(
    Element element, Optional<AnnotationMirror> annotation, Optional<AnnotationValue> value) {

  /** The element itself. */
  public static Position of(Element element) {
    return new Position(element, Optional.empty(), Optional.empty());
  }

  /** The annotation {@code annotation} on the element. */
  public static Position of(Element element, AnnotationMirror annotation) {
    return new Position(element, Optional.of(annotation), Optional.empty());
  }

  /** The value {@code value} of the annotation {@code annotation} on the element. */
  public static Position of(Element element, AnnotationMirror annotation, AnnotationValue value) {
    return new Position(element, Optional.of(annotation), Optional.of(value));
  }
}
