/**
 * The processor's writers: from a validated model, the generated {@code Scoped} interface with its
 * sealed error unions, its implementation (one {@code Guard} per method and an error mapper per
 * union), and the index files the runtime and the Spring Boot starter read. The golden files under
 * {@code processor/src/test/resources/golden} are the review of what these write.
 *
 * <p>Used by: the processor only; not API.
 */
package io.gogoscope.processor.writing;
