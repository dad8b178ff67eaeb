package io.gogoscope.processor.model;

import java.util.List;

/**
 * The union of every task's error union of one interface ({@code UserServiceError}): a sealed
 * interface that permits the tasks' unions and holds the variant records they share. A record such
 * as {@code TimedOut} is written once and implements each task union that has it, so a task union
 * still names exactly its own variants ({@code FetchUserError.TimedOut} finds the shared record as
 * an inherited member type) while an interface of ten tasks compiles a handful of records, not
 * one per task and variant.
 *
 * @param name its simple name
 * @param variants every variant of the tasks' unions, each once: declared exceptions in the order
 *     the tasks first name them, then the policy variants in {@link ErrorVariant.Kind}'s order
 */
public record ServiceUnion(String name, List<ErrorVariant> variants) {}
