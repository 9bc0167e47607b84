package io.breakwater;

import io.breakwater.auth.AdminCli;
import io.breakwater.local.LocalServices;
import io.breakwater.local.ServiceConfig;
import io.breakwater.stackwalk.cli.StackwalkCli;
import io.breakwater.storage.InProcessObjects;
import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Entry point: {@code stackwalk ...} runs the offline CLI, {@code admin ...} the account administration
 * command line; anything else starts the backing services that
 * are not configured externally, then the server, and stops those services once the server has stopped.
 */
@QuarkusMain
public class Breakwater {

    // Upper bound for Quarkus's own shutdown before local services are stopped regardless.
    private static final long QUARKUS_STOP_WAIT_MILLIS = 60_000;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("stackwalk")) {
            System.exit(StackwalkCli.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("admin")) {
            System.exit(AdminCli.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        LocalServices services;
        try {
            services = LocalServices.start(ServiceConfig.fromEnvironment());
        } catch (Exception e) {
            System.err.println("Breakwater: could not start local services: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        services.publishAsSystemProperties();
        // The embedded s3proxy runs in this JVM: the application writes and reads its objects in its store directly.
        services.s3().ifPresent(s3 -> InProcessObjects.register(s3.inProcessObjects()));

        AtomicBoolean vmShuttingDown = new AtomicBoolean();
        // SIGTERM / Ctrl-C: Quarkus stops itself in its own shutdown hook; wait for it, then stop ours.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vmShuttingDown.set(true);
            awaitQuarkusStopped();
            services.close();
        }, "breakwater-local-services-stop"));

        AtomicInteger exitCode = new AtomicInteger();
        // A custom exit handler keeps Quarkus from calling System.exit before our services are stopped.
        Quarkus.run(null, (code, failure) -> {
            exitCode.set(code);
            if (failure != null) {
                failure.printStackTrace();
            }
        }, args);
        if (!vmShuttingDown.get()) {
            services.close();
            System.exit(exitCode.get());
        }
    }

    private static void awaitQuarkusStopped() {
        long deadline = System.currentTimeMillis() + QUARKUS_STOP_WAIT_MILLIS;
        while (ApplicationLifecycleManager.getCurrentApplication() != null && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
