package io.breakwater.esshim;

import java.lang.instrument.Instrumentation;

/** Java agent loaded by the node into itself; the initialisation class lives in the node's modules. */
public final class EntitlementAgent {

    private static final String INITIALIZATION =
            "org.elasticsearch.entitlement.initialization.EntitlementInitialization";

    private EntitlementAgent() {
    }

    public static void agentmain(String agentArgs, Instrumentation inst) throws Exception {
        Class<?> initialization = Class.forName(INITIALIZATION);
        initialization.getMethod("initialize", Instrumentation.class).invoke(null, inst);
    }
}
