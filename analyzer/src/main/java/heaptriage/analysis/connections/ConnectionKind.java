package heaptriage.analysis.connections;

import java.util.List;
import java.util.Map;

/**
 * One catalogue entry: a kind of connection object (a JDBC driver's connection, a pool's proxy or entry, a socket,
 * an HTTP, Redis, MongoDB, AMQP or JMS connection), how to recognise its classes and how to read its state and facts.
 *
 * @param kind            stable id, e.g. {@code h2}, {@code hikari-proxy}, {@code java-socket}
 * @param category        {@code jdbc}, {@code pooled-jdbc}, {@code pool-entry}, {@code socket}, {@code http}...
 * @param classNames      exact class names
 * @param superclasses    matches a class when it or any of its super classes has one of these names
 * @param nameSuffixes    (low-confidence entries only) matches otherwise unmatched classes by simple-name suffix
 * @param excludeSuperclasses  classes below these never match {@code nameSuffixes}
 * @param excludeNames    globs of class names never matched by {@code nameSuffixes}
 * @param state           rules read in order; the first that decides wins
 * @param facts           fact name to how it is read
 * @param wraps           paths to the inner connection objects this one wraps (proxy to entry to physical to socket)
 * @param lowConfidence   true for guesses from class names alone
 * @param source          where the field names come from (library, file, versions)
 */
public record ConnectionKind(String kind, String category, String displayName, List<String> classNames,
                             List<String> superclasses, List<String> nameSuffixes, List<String> excludeSuperclasses,
                             List<String> excludeNames, List<StateRule> state, Map<String, FactSpec> facts,
                             List<FieldPath> wraps, boolean lowConfidence, String source) {
    public ConnectionKind {
        classNames = List.copyOf(classNames);
        superclasses = List.copyOf(superclasses);
        nameSuffixes = List.copyOf(nameSuffixes);
        excludeSuperclasses = List.copyOf(excludeSuperclasses);
        excludeNames = List.copyOf(excludeNames);
        state = List.copyOf(state);
        facts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
        wraps = List.copyOf(wraps);
    }
}
