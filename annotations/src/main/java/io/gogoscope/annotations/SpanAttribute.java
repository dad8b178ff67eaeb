package io.gogoscope.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records a task method's parameter as an attribute of the call's span. Nothing is computed when
 * the call is not observed.
 *
 * <pre>{@code
 * User fetchUser(@SpanAttribute("user.id") String id) throws IOException;
 * }</pre>
 *
 * <p>{@code int}, {@code long}, {@code short} and {@code byte} values are recorded as numbers
 * (long), {@code float} and {@code double} as doubles, {@code boolean} as a boolean, anything else
 * as given (the runtime records other objects as text).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface SpanAttribute {

  /** The attribute's key, such as {@code "user.id"}; not blank and unique within the method. */
  String value();
}
