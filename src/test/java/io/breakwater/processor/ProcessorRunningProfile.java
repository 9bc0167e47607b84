package io.breakwater.processor;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Tests that need the worker pool. Other tests run with the processor off, so crashes they queue stay put
 * for them to inspect.
 */
public class ProcessorRunningProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("breakwater.processor.enabled", "true");
    }
}
