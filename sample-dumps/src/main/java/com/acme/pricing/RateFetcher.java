package com.acme.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches exchange rates from the rates service over plain HTTP/1.1 (keep-alive) with
 * {@link HttpURLConnection}.
 */
public final class RateFetcher {

    // THE BUG: prefetch() starts a request per currency pair and parks the connection here so that
    // settle() can read the body later; settle() is only called from a scheduled job that was removed.
    // Nobody calls disconnect() or closes the input stream, so every connection keeps its socket.
    private static final List<HttpURLConnection> pending = new ArrayList<>();

    // The last few completed requests, for the diagnostics page (response code and headers). These
    // were used correctly (body read, stream closed), so their sockets went back to the keep-alive cache.
    private static final int RECENT_LIMIT = 5;
    private static final Deque<HttpURLConnection> recent = new ArrayDeque<>();

    // Rates read the correct way: ordinary application data.
    private static final Map<String, Rate> latest = new HashMap<>();

    private RateFetcher() {
    }

    /** Sends the request and reads the status line and headers; the body is left for settle(). */
    public static int prefetch(URL service, String pair) throws IOException {
        HttpURLConnection connection = open(service, pair);
        int status = connection.getResponseCode();
        synchronized (pending) {
            pending.add(connection);
        }
        return status;
    }

    /** The correct way: read the whole body and close the stream, so the socket goes back to the keep-alive cache. */
    public static Rate fetch(URL service, String pair) throws IOException {
        HttpURLConnection connection = open(service, pair);
        if (connection.getResponseCode() != HttpURLConnection.HTTP_OK) {
            throw new IOException("rates service answered " + connection.getResponseCode() + " for " + pair);
        }
        String body;
        try (InputStream in = connection.getInputStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        Rate rate = parse(pair, body);
        synchronized (latest) {
            latest.put(pair, rate);
        }
        synchronized (recent) {
            recent.addLast(connection);
            if (recent.size() > RECENT_LIMIT) {
                recent.removeFirst();
            }
        }
        return rate;
    }

    private static HttpURLConnection open(URL service, String pair) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(service, "/rates/" + pair).openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(5_000);
        connection.setRequestProperty("Accept", "application/json");
        return connection;
    }

    /** Parses {@code {"pair":"EURUSD","micros":1084200,"asOf":1700000000000}}. */
    static Rate parse(String pair, String body) {
        return new Rate(pair, number(body, "\"micros\":"), number(body, "\"asOf\":"));
    }

    private static long number(String body, String key) {
        int start = body.indexOf(key);
        if (start < 0) {
            throw new IllegalArgumentException("no " + key + " in " + body);
        }
        start += key.length();
        int end = start;
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        return Long.parseLong(body.substring(start, end));
    }

    public static int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    public static int recentCount() {
        synchronized (recent) {
            return recent.size();
        }
    }

    public static int latestCount() {
        synchronized (latest) {
            return latest.size();
        }
    }
}
