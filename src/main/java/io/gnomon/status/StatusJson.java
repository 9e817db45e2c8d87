package io.gnomon.status;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The snapshot and history as JSON. Unknown numbers (NaN, infinities) are written as {@code null} and read
 * back as NaN, so the output is strict JSON that any client parses.
 */
public final class StatusJson {
    private static final ObjectMapper MAPPER = mapper();

    private StatusJson() {}

    private static ObjectMapper mapper() {
        SimpleModule unknownAsNull = new SimpleModule("gnomon-unknown-numbers");
        unknownAsNull.addSerializer(Double.class, new FiniteOrNull());
        unknownAsNull.addSerializer(double.class, new FiniteOrNull());
        unknownAsNull.addSerializer(double[].class, new FiniteOrNullArray());
        unknownAsNull.addDeserializer(Double.class, new NullAsNaN());
        unknownAsNull.addDeserializer(double.class, new NullAsNaN());
        return JsonMapper.builder()
                .addModule(unknownAsNull)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer servers may add fields
                .build();
    }

    public static String write(StatusSnapshot s) {
        return writeValue(s);
    }

    /** {"hour": {t, offsetSeconds, …}, "day": {…}} */
    public static String writeHistory(HistoryTable hour, HistoryTable day) {
        Map<String, HistoryTable> m = new LinkedHashMap<>();
        m.put("hour", hour);
        m.put("day", day);
        return writeValue(m);
    }

    /** @throws IllegalArgumentException naming what is wrong, when the text is not a status snapshot */
    public static StatusSnapshot read(String json) {
        try {
            return MAPPER.readValue(json, StatusSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a Gnomon status snapshot: " + e.getOriginalMessage(), e);
        }
    }

    private static String writeValue(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status snapshot not serialisable", e);
        }
    }

    private static final class FiniteOrNull extends JsonSerializer<Double> {
        @Override
        public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (v == null || !Double.isFinite(v)) {
                g.writeNull();
            } else {
                g.writeNumber(v);
            }
        }
    }

    private static final class FiniteOrNullArray extends JsonSerializer<double[]> {
        @Override
        public void serialize(double[] values, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartArray(values, values.length);
            for (double v : values) {
                if (Double.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeNull();
                }
            }
            g.writeEndArray();
        }
    }

    private static final class NullAsNaN extends JsonDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
            return parser.getValueAsDouble(Double.NaN);
        }

        @Override
        public Double getNullValue(DeserializationContext ctx) {
            return Double.NaN;
        }
    }
}
