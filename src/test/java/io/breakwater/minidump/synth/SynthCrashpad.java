package io.breakwater.minidump.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Crashpad info stream for {@link SynthMinidump}:
 *
 * <pre>{@code
 * new SynthCrashpad().reportId("42F9DE72-518A-43DD-97D7-8DDC328D3662").simple("hello", "world")
 *     .module(16, m -> m.list("abort() called").annotation("name", 1, "value"))
 * }</pre>
 */
public final class SynthCrashpad {

    String reportId = "00000000-0000-0000-0000-000000000000";
    String clientId = "00000000-0000-0000-0000-000000000000";
    final Map<String, String> simple = new LinkedHashMap<>();
    final List<Module> modules = new ArrayList<>();

    public SynthCrashpad reportId(String guid) {
        this.reportId = guid;
        return this;
    }

    public SynthCrashpad clientId(String guid) {
        this.clientId = guid;
        return this;
    }

    public SynthCrashpad simple(String key, String value) {
        simple.put(key, value);
        return this;
    }

    public SynthCrashpad module(long moduleIndex, Consumer<Module> spec) {
        Module m = new Module(moduleIndex);
        spec.accept(m);
        modules.add(m);
        return this;
    }

    /** Per-module annotations. */
    public static final class Module {
        final long index;
        final List<String> list = new ArrayList<>();
        final Map<String, String> simple = new LinkedHashMap<>();
        final List<Object[]> objects = new ArrayList<>();

        Module(long index) { this.index = index; }

        public Module list(String value) {
            list.add(value);
            return this;
        }

        public Module simple(String key, String value) {
            simple.put(key, value);
            return this;
        }

        /** An annotation object; type 1 = string. */
        public Module annotation(String name, int type, String value) {
            objects.add(new Object[] {name, type, value.getBytes(java.nio.charset.StandardCharsets.UTF_8)});
            return this;
        }
    }
}
