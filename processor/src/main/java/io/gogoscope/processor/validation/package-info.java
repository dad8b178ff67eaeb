/**
 * The processor's checks: the rules a model must satisfy before anything is written (supported
 * return types, policy settings in range, key templates that name parameters, stores' bounds), each
 * problem reported once through the one {@link io.gogoscope.processor.validation.Reporter} with a
 * stable {@code GGS-} id and the position of the element at fault.
 *
 * <p>Used by: the processor only; not API. The ids are documented for users in the README.
 */
package io.gogoscope.processor.validation;
