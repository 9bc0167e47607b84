package io.breakwater.stackwalk;

import io.breakwater.minidump.MemoryList;
import io.breakwater.minidump.MinidumpException;
import io.breakwater.minidump.MinidumpModule;
import io.breakwater.minidump.MinidumpThread;
import io.breakwater.minidump.SystemInfo;

import java.util.List;
import java.util.Map;

/**
 * What the walker needs from a minidump, gathered in one place so that tests can build it by hand.
 *
 * @param dumpThreadId       the thread that wrote the dump (Breakpad info), or null
 * @param requestingThreadId the thread that asked for the dump (Breakpad info), or null
 */
public record DumpContents(SystemInfo systemInfo, List<MinidumpThread> threads, Map<Long, String> threadNames,
                           List<MinidumpModule> modules, MinidumpException exception, MemoryList memory,
                           Long dumpThreadId, Long requestingThreadId, DumpExtras extras) {

    public DumpContents {
        threads = threads == null ? List.of() : threads;
        threadNames = threadNames == null ? Map.of() : threadNames;
        modules = modules == null ? List.of() : modules;
        extras = extras == null ? DumpExtras.NONE : extras;
    }
}
