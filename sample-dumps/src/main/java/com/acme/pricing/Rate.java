package com.acme.pricing;

/** One exchange rate as the rates service returned it, in millionths (1.084200 is 1_084_200). */
public record Rate(String pair, long micros, long asOfEpochMillis) {
}
