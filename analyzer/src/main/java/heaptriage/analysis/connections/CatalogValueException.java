package heaptriage.analysis.connections;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A catalogue value of the right JSON type that breaks one of our rules (a malformed field path, a condition of an
 * unknown shape...). Thrown while Jackson binds, so Jackson adds the path to it; {@link CatalogReader} turns it
 * into a {@link CatalogException}.
 */
final class CatalogValueException extends JsonMappingException {
    CatalogValueException(JsonParser p, JsonLocation at, String message) {
        super(p, message, at);
    }
}
