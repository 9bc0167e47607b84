package io.breakwater.stackwalk;

import io.breakwater.minidump.MinidumpModule;

import java.util.List;
import java.util.Map;

/**
 * Facts from optional streams that only the outputs need. Absent values are null (or empty).
 *
 * @param headerTime        the dump header's time stamp (seconds since the epoch), or null
 * @param processCreateTime MiscInfo process creation time (seconds), or null
 * @param pid               process id, or null
 * @param assertion         Breakpad assertion text, or null
 * @param lsbRelease        Linux lsb-release fields (id, release, codename, description), or null
 * @param macCrashInfo      Mac crash info records as JSON-ready maps, or null
 * @param crashpadAnnotations simple annotations of the Crashpad info stream, or null
 * @param moduleAnnotations Crashpad per-module annotations (module file name to key/values), or null
 * @param linuxMemoryMapCount entries in /proc/self/maps, or null
 * @param softErrors        Mozilla's soft-errors stream parsed as JSON (maps, lists, strings, numbers), or null
 */
public record DumpExtras(Long headerTime, Long processCreateTime, Long pid, String assertion,
                         Map<String, String> lsbRelease, List<Map<String, Object>> macCrashInfo,
                         Map<String, String> crashpadAnnotations,
                         Map<String, Map<String, String>> moduleAnnotations,
                         List<MinidumpModule> unloadedModules, Integer linuxMemoryMapCount,
                         String macBootArgs, Object softErrors) {

    public static final DumpExtras NONE = new DumpExtras(null, null, null, null, null, null, null, null,
            List.of(), null, null, null);

    public DumpExtras {
        unloadedModules = unloadedModules == null ? List.of() : unloadedModules;
    }
}
