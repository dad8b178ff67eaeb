/**
 * The annotation processor: {@link io.gogoscope.processor.ScopeProcessor} reads each interface with
 * {@code @ScopeTask} methods ({@code model}), checks it and reports problems with stable
 * {@code GGS-} ids ({@code validation}), and writes its {@code Scoped} interface, implementation
 * and index ({@code writing}).
 *
 * <p>Used by: javac, through the processor path (users put the artifact there and call nothing in
 * it). Nothing in this artifact is API; its output is compiled against
 * {@code io.gogoscope.generated} and the rest of the runtime.
 */
package io.gogoscope.processor;
