package io.breakwater.processor.rules;

import io.breakwater.processor.ProcessingContext;
import io.breakwater.processor.Rule;

/** {@code major_version}: the leading number of {@code version} ("120.0b3" → 120), 0 when there is none. */
public final class MajorVersionRule implements Rule {

    @Override
    public void action(ProcessingContext ctx) {
        String version = ctx.processed().path("version").asText("").strip();
        int end = 0;
        while (end < version.length() && end < 9 && version.charAt(end) >= '0' && version.charAt(end) <= '9') end++;
        int major = end == 0 ? 0 : Integer.parseInt(version.substring(0, end));
        ctx.processed().put("major_version", major);
    }
}
