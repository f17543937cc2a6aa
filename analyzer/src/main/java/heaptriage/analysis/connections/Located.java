package heaptriage.analysis.connections;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;

import java.io.IOException;

/**
 * A catalogue value bound by Jackson together with where it starts in the file, so the rules that span several of
 * its fields, checked after binding, can still name the line and column.
 */
@JsonDeserialize(using = Located.Reader.class)
record Located<T>(T value, JsonLocation at) {
    /** Remembers the location of the value's first token, then lets Jackson bind the value itself. */
    static final class Reader extends JsonDeserializer<Located<?>> implements ContextualDeserializer {
        private final JavaType valueType;

        Reader() {
            this(null);
        }

        private Reader(JavaType valueType) {
            this.valueType = valueType;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            JavaType located = ctxt.getContextualType() != null ? ctxt.getContextualType() : property.getType();
            return new Reader(located.containedType(0));
        }

        @Override
        public Located<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            return new Located<>(ctxt.readValue(p, valueType), at);
        }
    }
}
