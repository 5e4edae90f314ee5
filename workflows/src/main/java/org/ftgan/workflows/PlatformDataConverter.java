package org.ftgan.workflows;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.io.IOException;
import java.util.function.Function;
import org.ftgan.names.ExperimentStatus;
import org.ftgan.names.RunStatus;
import org.ftgan.names.Status;

/**
 * How the platform's workflow arguments and results become Temporal payloads: Temporal's default
 * converter, with statuses written as their lower-case {@link Status#dbName()} ({@code "evaluating"}),
 * the JSON strings that recorded histories hold from when statuses went through activities as
 * strings. Every client (and so every worker, whose factory takes its client's converter) and the
 * replay test use {@link #INSTANCE}; {@code StatusPayloadTest} checks the bytes.
 *
 * <p>Why a Jackson module here rather than {@code @JsonValue}/{@code @JsonCreator} on the enums: the
 * statuses live in {@code ftgan-names}, which has no dependencies at all, so that the Dockerfile's
 * javac-only stage compiles it to generate the dashboard's constants, and the dashboard, the trainer
 * and the records share it without Jackson. The JSON form of a status is a concern of the Temporal
 * wire, which this module owns, so its mapping is declared where that wire's converter is built.
 */
public final class PlatformDataConverter {
    /** The ObjectMapper of Temporal's default JSON converter, plus {@link #statusesModule()}. */
    public static final ObjectMapper MAPPER = JacksonJsonPayloadConverter.newDefaultObjectMapper()
            .registerModule(statusesModule());
    /** Temporal's default data converter with {@link #MAPPER} for JSON. */
    public static final DataConverter INSTANCE = DefaultDataConverter.newDefaultInstance()
            .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(MAPPER));

    private PlatformDataConverter() {
    }

    /** Statuses as their {@link Status#dbName()}, both ways. */
    public static SimpleModule statusesModule() {
        SimpleModule m = new SimpleModule("ftgan-statuses");
        m.addSerializer(RunStatus.class, new DbNameSerializer<>(RunStatus.class));
        m.addDeserializer(RunStatus.class, new DbNameDeserializer<>(RunStatus.class, RunStatus::fromDb));
        m.addSerializer(ExperimentStatus.class, new DbNameSerializer<>(ExperimentStatus.class));
        m.addDeserializer(ExperimentStatus.class, new DbNameDeserializer<>(ExperimentStatus.class, ExperimentStatus::fromDb));
        return m;
    }

    private static final class DbNameSerializer<S extends Status> extends StdScalarSerializer<S> {
        DbNameSerializer(Class<S> type) {
            super(type);
        }

        @Override
        public void serialize(S value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.dbName());
        }
    }

    private static final class DbNameDeserializer<S extends Status> extends StdScalarDeserializer<S> {
        private final transient Function<String, S> fromDb;

        DbNameDeserializer(Class<S> type, Function<String, S> fromDb) {
            super(type);
            this.fromDb = fromDb;
        }

        @Override
        public S deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return fromDb.apply(text);
            } catch (IllegalArgumentException e) {
                return (S) ctxt.handleWeirdStringValue(handledType(), text, e.getMessage());
            }
        }
    }
}
