/**
 * The runtime types the processor's generated code is compiled against: each generated method
 * hands its {@link io.gogoscope.Guard} an {@link io.gogoscope.generated.ErrorMapper} into its
 * sealed error union (an interface's one mapper extends
 * {@link io.gogoscope.generated.UnionMapper}), a {@link io.gogoscope.generated.CallContext} with the keys and span
 * attributes of one call, and lock or rate-limit keys whose values
 * {@link io.gogoscope.generated.KeyValues} encoded.
 *
 * <p>Used by: generated code. Hand-written code may use these types to do by hand what generated
 * code does (a typed error union, a per-call lock key), but most users never import them; the
 * runtime keeps them binary compatible within a major version so that code generated against one
 * runtime links against the next.
 */
package io.gogoscope.generated;
