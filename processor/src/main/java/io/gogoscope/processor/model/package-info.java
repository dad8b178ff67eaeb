/**
 * The processor's model: what an annotated interface says (its methods, their policies, thrown
 * types, error unions and key templates), read from javac's elements into plain records with the
 * source position of each setting, and nothing yet judged or written.
 *
 * <p>Used by: the processor's validation and writing layers only; not API.
 */
package io.gogoscope.processor.model;
