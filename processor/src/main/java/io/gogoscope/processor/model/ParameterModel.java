package io.gogoscope.processor.model;

import java.util.Optional;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * A method parameter.
 *
 * @param element the parameter
 * @param name its name
 * @param type its type, as a member of the annotated interface
 * @param spanAttribute its {@code @SpanAttribute} key, if it has one
 */
public record ParameterModel(
    VariableElement element, String name, TypeMirror type, Optional<Setting<String>> spanAttribute) {}
