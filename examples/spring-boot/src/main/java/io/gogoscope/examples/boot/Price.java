package io.gogoscope.examples.boot;

import java.math.BigDecimal;

/** A price the downstream quotes for an article. */
public record Price(String sku, BigDecimal amount, String currency) {}
