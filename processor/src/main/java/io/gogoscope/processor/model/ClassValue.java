package io.gogoscope.processor.model;

import javax.lang.model.type.TypeMirror;

/**
 * One class literal in an annotation's array value, such as {@code IOException.class} in
 * {@code retryOn = {IOException.class, TimeoutException.class}}.
 *
 * @param type the class
 * @param position the literal itself, so a message can point at the one that is wrong
 */
public record ClassValue(TypeMirror type, Position position) {}
