package com.acme.notify;

/** One order's listener with the e-mail it will send, pre-rendered. */
public record Subscription(String orderId, byte[] renderedTemplate) {
}
