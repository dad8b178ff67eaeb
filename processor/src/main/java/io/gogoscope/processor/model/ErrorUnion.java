package io.gogoscope.processor.model;

import java.util.List;

/**
 * A method's sealed error union: declared exceptions first (most specific first), then the policy
 * variants in a fixed order, then {@code Cancelled} and {@code Unexpected}. Its records are shared
 * with the interface's other unions ({@link ServiceUnion}).
 *
 * @param name the union's simple name, such as {@code FetchUserError}
 * @param variants its records, in order
 */
public record ErrorUnion(String name, List<ErrorVariant> variants) {}
