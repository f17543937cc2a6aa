package heaptriage.analysis.connections;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of connection and pool kinds, kept as data ({@code heaptriage/connections/catalog.json}, described
 * in the README beside it). Users add or replace entries with a rules file of the same format.
 */
public final class ConnectionCatalog {
    /** Where the built-in catalogue lives on the class path. */
    public static final String BUILT_IN_RESOURCE = "/heaptriage/connections/catalog.json";
    private static ConnectionCatalog builtIn;

    private final List<ConnectionKind> kinds;
    private final List<PoolKind> pools;

    private ConnectionCatalog(List<ConnectionKind> kinds, List<PoolKind> pools) {
        this.kinds = List.copyOf(kinds);
        this.pools = List.copyOf(pools);
    }

    /** The catalogue shipped with Heap Triage. */
    public static synchronized ConnectionCatalog builtIn() {
        if (builtIn == null) {
            try (InputStream in = ConnectionCatalog.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing class-path resource " + BUILT_IN_RESOURCE);
                }
                builtIn = parse("catalog.json (built in)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return builtIn;
    }

    /**
     * The built-in catalogue with a user's rules file merged in: an entry whose {@code kind} the built-in catalogue
     * already has replaces it, others are added; user entries win ties when two entries match the same class.
     *
     * @throws IOException      when the file cannot be read
     * @throws CatalogException when it is not a valid catalogue (the message names the line and entry)
     */
    public static ConnectionCatalog load(Path rulesFile) throws IOException {
        String text = Files.readString(rulesFile, StandardCharsets.UTF_8);
        return parse(rulesFile.toString(), text).over(builtIn());
    }

    /** Parses catalogue JSON on its own (no built-in entries); {@code sourceName} appears in error messages. */
    public static ConnectionCatalog parse(String sourceName, String json) {
        CatalogReader.Parsed parsed = CatalogReader.read(sourceName, json);
        return new ConnectionCatalog(parsed.kinds(), parsed.pools());
    }

    /** This catalogue's entries first, then those of {@code base} whose kind this one does not redefine. */
    public ConnectionCatalog over(ConnectionCatalog base) {
        Map<String, ConnectionKind> k = new LinkedHashMap<>();
        kinds.forEach(e -> k.put(e.kind(), e));
        base.kinds.forEach(e -> k.putIfAbsent(e.kind(), e));
        Map<String, PoolKind> p = new LinkedHashMap<>();
        pools.forEach(e -> p.put(e.kind(), e));
        base.pools.forEach(e -> p.putIfAbsent(e.kind(), e));
        return new ConnectionCatalog(new ArrayList<>(k.values()), new ArrayList<>(p.values()));
    }

    /** Connection kinds, in priority order for ties. */
    public List<ConnectionKind> kinds() {
        return kinds;
    }

    public List<PoolKind> pools() {
        return pools;
    }

    public Optional<ConnectionKind> kind(String id) {
        return kinds.stream().filter(k -> k.kind().equals(id)).findFirst();
    }

    public Optional<PoolKind> pool(String id) {
        return pools.stream().filter(k -> k.kind().equals(id)).findFirst();
    }
}
