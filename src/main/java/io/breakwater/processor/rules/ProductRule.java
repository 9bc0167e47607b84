package io.breakwater.processor.rules;

import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

/**
 * {@code product}, {@code version}, {@code release_channel}, {@code build} from the annotations. Reporters
 * name them differently: Socorro/Firefox style ({@code ProductName}), Electron/Crashpad ({@code _productName},
 * {@code _version}) and plain Breakpad ({@code prod}, {@code ver}); the most specific name wins.
 */
public final class ProductRule implements Rule {

    static final int MAX_LENGTH = 1024;

    @Override
    public void action(ProcessingContext ctx) {
        put(ctx, "product", "ProductName", "_productName", "prod", "product");
        // Not "version": in the raw crash that key is the collector's format number (2), never the product's.
        put(ctx, "version", "Version", "_version", "ver");
        put(ctx, "release_channel", "ReleaseChannel", "channel", "release_channel");
        put(ctx, "build", "BuildID", "build_id", "buildid");
    }

    private static void put(ProcessingContext ctx, String field, String... annotations) {
        String value = ctx.firstAnnotation(annotations);
        if (value == null) value = "";
        if (value.length() > MAX_LENGTH) {
            value = value.substring(0, MAX_LENGTH);
            ctx.note(field + " truncated to " + MAX_LENGTH + " characters");
        }
        ctx.processed().put(field, value);
    }
}
