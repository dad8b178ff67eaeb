/**
 * The processor's writers: from a validated model, the generated {@code Scoped} interface with its
 * sealed error unions (one per task, their variant records shared in one interface-wide union), its
 * implementation (one {@code Guard} per method and one error mapper class for all the unions), and
 * the index files the runtime and the Spring Boot starter read. The golden files under
 * {@code processor/src/test/resources/golden} are the review of what these write.
 *
 * <p>Used by: the processor only; not API.
 */
package io.gogoscope.processor.writing;
